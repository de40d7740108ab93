package errdex

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors of the domain. Transports map them to their own statuses.
var (
	// ErrNotFound means no entry, system or page matches what was asked for.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means a request breaks a constraint; wrap it with details.
	ErrInvalid = errors.New("invalid")
)

// Problem is one thing wrong with a catalog source.
type Problem struct {
	File string `json:"file"`
	Line int    `json:"line"`
	// Entry is the id of the entry the problem is in, or of the provider
	// record ("provider iwinv/sms/42"), or "" for the file itself.
	Entry   string `json:"entry,omitempty"`
	Message string `json:"message"`
	// Warning marks a problem that does not stop the catalog from loading:
	// a field on its way out of the schema.
	Warning bool `json:"warning,omitempty"`
}

// String formats the problem as file:line: entry-id: message ("-" stands
// for the entry when the problem belongs to the file as a whole); a
// warning's message starts with "warning: ".
func (p Problem) String() string {
	entry := p.Entry
	if entry == "" {
		entry = "-"
	}
	msg := p.Message
	if p.Warning {
		msg = "warning: " + msg
	}
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, entry, msg)
}

// ValidationError is returned when a catalog has problems. It carries every
// problem found, not just the first.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	n := 0
	for _, p := range e.Problems {
		if !p.Warning {
			n++
		}
	}
	fmt.Fprintf(&b, "catalog has %d problem(s)", n)
	i := 0
	for _, p := range e.Problems {
		if p.Warning {
			continue
		}
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", n-i)
			break
		}
		i++
		b.WriteString("; ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true for validation errors.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// Violation says how a request parameter breaks its constraint. Each
// transport names it its own way: internal/web maps it to the contract's
// error codes, so renaming a constant here changes no published string.
type Violation int

// How a parameter can be wrong.
const (
	CodeInvalidValue  Violation = iota // a value breaks its constraint
	CodeMissingField                   // a required parameter is absent
	CodeInvalidLimit                   // the page size is out of range
	CodeInvalidCursor                  // a cursor is undecodable, tampered with, or of another query
)

func (c Violation) String() string {
	switch c {
	case CodeMissingField:
		return "missing"
	case CodeInvalidLimit:
		return "limit"
	case CodeInvalidCursor:
		return "cursor"
	}
	return "invalid"
}

// FieldError is a request parameter that breaks its constraint. It is
// errors.Is ErrInvalid.
type FieldError struct {
	// Param names the parameter ("q", "limit", "system").
	Param string
	// Code says how it breaks it.
	Code    Violation
	Message string
}

func (e *FieldError) Error() string { return e.Param + ": " + e.Message }

// Is makes errors.Is(err, ErrInvalid) true for field errors.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }
