package exports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestKPIReportLibreOffice converts the report to PDF with LibreOffice, which refuses a
// file Excel would repair or reject: a broken part, a bad reference in a chart, an
// invalid style. Skipped where soffice is not installed (Debian: libreoffice-calc).
func TestKPIReportLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not on PATH: apt-get install libreoffice-calc")
	}
	for _, lang := range []string{"ru", "en"} {
		t.Run(lang, func(t *testing.T) {
			_, data := writeAndOpen(t, fixtureReport(t, lang))
			dir := t.TempDir()
			in := filepath.Join(dir, "kpi.xlsx")
			if err := os.WriteFile(in, data, 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			// A profile of its own: soffice hands the work to a running instance that
			// shares the profile, and parallel tests would meet in the default one.
			cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
				"--headless", "--convert-to", "pdf", "--outdir", dir, in)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("soffice: %v\n%s", err, out)
			}
			pdf, err := os.ReadFile(filepath.Join(dir, "kpi.pdf"))
			if err != nil || len(pdf) < 1000 || string(pdf[:5]) != "%PDF-" {
				t.Fatalf("soffice made no PDF (%v, %d bytes):\n%s", err, len(pdf), out)
			}
		})
	}
}
