package units

import "testing"

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"2048 MiB": 2 << 30, "2 GiB": 2 << 30, "4GiB": 4 << 30, "1 TiB": 1 << 40, " 512 KiB ": 512 << 10,
		"1.5 GiB": 3 << 29, "100 B": 100,
	} {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "GiB", "4 GB", "4", "-1 GiB", "1.3 B", "x MiB", "99999999999 TiB", "10 gib", "1..5 GiB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for in, want := range map[int64]string{4 << 30: "4 GiB", 1536 << 20: "1536 MiB", 1 << 40: "1 TiB", 1000: "1000 B"} {
		if got := FormatSize(in); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestSameSize(t *testing.T) {
	if !SameSize("4096 MiB", "4 GiB") || SameSize("4 GiB", "5 GiB") || !SameSize("odd", "odd") || SameSize("odd", "4 GiB") {
		t.Fatal("SameSize disagrees with the byte counts")
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"4 GiB", "2048 MiB", "1.5 GiB", "", "4 GB", "1e3 MiB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseSize(s)
		if err != nil {
			return
		}
		if b < 0 {
			t.Fatalf("ParseSize(%q) = %d without error", s, b)
		}
		back, err := ParseSize(FormatSize(b))
		if err != nil || back != b {
			t.Fatalf("round trip of %q: %d → %q → %d, %v", s, b, FormatSize(b), back, err)
		}
	})
}
