package errdex

import (
	"reflect"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// unknownField is a mapping key no field of the struct it decodes into
// takes.
type unknownField struct {
	key  string
	line int
}

// yamlFields caches, per struct type, its fields by YAML name.
var yamlFields sync.Map // reflect.Type -> map[string]reflect.Type

func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := yamlFields.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = strings.ToLower(f.Name)
		}
		m[name] = f.Type
	}
	yamlFields.Store(t, m)
	return m
}

// unknownFields walks a node against the type it decodes into and
// returns every mapping key that type has no field for, in document
// order. A node of the wrong kind is left to the decoder to report.
func unknownFields(n *yaml.Node, t reflect.Type, out []unknownField) []unknownField {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return out
		}
		fields := fieldsOf(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				out = append(out, unknownField{key: k.Value, line: k.Line})
				continue
			}
			out = unknownFields(n.Content[i+1], ft, out)
		}
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			return out
		}
		for _, item := range n.Content {
			out = unknownFields(item, t.Elem(), out)
		}
	}
	return out
}
