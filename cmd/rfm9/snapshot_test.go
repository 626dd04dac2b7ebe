package main

import (
	"strings"
	"testing"
)

// sync backfills the month-ends; the month-end run right after finds none due, and a
// snapshot as of a date is taken on demand.
func TestSnapshotCommand(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, err := run(t, "sync", "--file", "testdata/small.csv", "--data", dir, "--tz", "Europe/Moscow", "--full", "--migrate"); err != nil {
		t.Fatalf("sync: %v\n%s", err, errOut)
	}
	out, _, err := run(t, "snapshot", "--data", dir, "--tz", "Europe/Moscow")
	if err != nil || !strings.Contains(out, "0 month-end snapshots taken") {
		t.Fatalf("month-ends after a backfill: %q, %v", out, err)
	}
	out, _, err = run(t, "snapshot", "--data", dir, "--tz", "Europe/Moscow", "--date", "2024-06-30")
	if err != nil || !strings.Contains(out, "snapshot as of 2024-06-30 taken") {
		t.Fatalf("a snapshot as of a date: %q, %v", out, err)
	}
	if _, _, err := run(t, "snapshot", "--data", dir, "--date", "30.06.2024"); err == nil {
		t.Fatal("a malformed date was accepted")
	}
}

// reage, the re-aging job run once, recomputes every client of the mirror: A, B, C and G
// (D has only a return, d9 no client, d10 no valid amount).
func TestReageCommand(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, err := run(t, "sync", "--file", "testdata/small.csv", "--data", dir, "--tz", "Europe/Moscow", "--full", "--migrate"); err != nil {
		t.Fatalf("sync: %v\n%s", err, errOut)
	}
	out, _, err := run(t, "reage", "--data", dir, "--tz", "Europe/Moscow")
	if err != nil || !strings.Contains(out, "4 clients re-aged as of") {
		t.Fatalf("reage: %q, %v", out, err)
	}
	if _, _, err := run(t, "reage", "--data", dir, "--tz", "Mars/Olympus"); err == nil {
		t.Fatal("an unknown time zone was accepted")
	}
}
