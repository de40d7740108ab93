package app_test

import (
	"testing"

	"github.com/errdex/errdex/internal/app"
)

func TestIsTyped(t *testing.T) {
	for text, want := range map[string]bool{
		"잔액 부족":                         true,
		"template not found":            true,
		`{"error":{"message":"잔액 부족"}}`: false,
		"2026-11-22 INFO start\n2026-11-22 ERROR 잔액이 부족합니다": false,
		string(make([]byte, 201)): false,
	} {
		if got := app.IsTyped(text); got != want {
			t.Errorf("IsTyped(%.30q) = %v, want %v", text, got, want)
		}
	}
}
