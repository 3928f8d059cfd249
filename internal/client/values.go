package client

import (
	"fmt"
	"strconv"
	"strings"
)

// ConfD answers are decoded into generic trees; these helpers turn them into
// typed values while tolerating the type variations between jobs and releases
// (block_size is an int in st_volume_list and a string in st_volume_info).

type fields map[string]any

func asFields(v any) fields {
	m, _ := v.(map[string]any)
	return m
}

func (f fields) str(key string) string { return asString(f[key]) }
func (f fields) num(key string) int64  { return asInt(f[key]) }
func (f fields) flag(key string) bool  { return asBool(f[key]) }
func (f fields) sub(key string) fields { return asFields(f[key]) }
func (f fields) list(key string) []any { l, _ := f[key].([]any); return l }
func (f fields) has(key string) bool   { _, ok := f[key]; return ok }

func (f fields) strs(key string) []string {
	out := []string{}
	for _, v := range f.list(key) {
		out = append(out, asString(v))
	}
	return out
}

func (f fields) nums(key string) []int64 {
	out := []int64{}
	for _, v := range f.list(key) {
		out = append(out, asInt(v))
	}
	return out
}

func asString(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	default:
		return fmt.Sprint(t)
	}
}

func asInt(v any) int64 {
	switch t := v.(type) {
	case int64:
		return t
	case int:
		return int64(t)
	case float64:
		return int64(t)
	case bool:
		if t {
			return 1
		}
	case string:
		n, _ := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
		return n
	}
	return 0
}

func asBool(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case int64:
		return t != 0
	case string:
		switch strings.ToLower(strings.TrimSpace(t)) {
		case "yes", "true", "1", "on":
			return true
		}
	}
	return false
}
