package search

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"

	"github.com/errdex/errdex"
)

// cursorKey signs cursors. A cursor is not a secret, only a position; the
// signature lets a tampered or mistyped cursor be told from a real one, and
// since every replica uses the same key, a cursor from one replica works on
// any other behind the same load balancer.
var cursorKey = []byte("errdex cursor v1")

// A cursor is the offset of the next page and the fingerprint of the query
// it belongs to, signed: uvarint offset | 8-byte query hash | 8-byte MAC.
func encodeCursor(offset int, fingerprint string) string {
	buf := binary.AppendUvarint(nil, uint64(offset))
	h := sha256.Sum256([]byte(fingerprint))
	buf = append(buf, h[:8]...)
	mac := hmac.New(sha256.New, cursorKey)
	mac.Write(buf)
	buf = mac.Sum(buf)[:len(buf)+8]
	return base64.RawURLEncoding.EncodeToString(buf)
}

func decodeCursor(cursor, fingerprint string) (int, error) {
	if cursor == "" {
		return 0, nil
	}
	bad := &errdex.FieldError{Param: "cursor", Code: errdex.CodeInvalidCursor, Message: "cursor is undecodable or was tampered with"}
	if len(cursor) > 64 {
		return 0, bad
	}
	buf, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(buf) < 17 {
		return 0, bad
	}
	body, sig := buf[:len(buf)-8], buf[len(buf)-8:]
	mac := hmac.New(sha256.New, cursorKey)
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil)[:8], sig) {
		return 0, bad
	}
	offset, n := binary.Uvarint(body)
	if n <= 0 || len(body)-n != 8 || offset > MaxOffset {
		return 0, bad
	}
	h := sha256.Sum256([]byte(fingerprint))
	if !hmac.Equal(body[n:], h[:8]) {
		return 0, &errdex.FieldError{Param: "cursor", Code: errdex.CodeInvalidCursor, Message: "cursor belongs to a different query"}
	}
	return int(offset), nil
}
