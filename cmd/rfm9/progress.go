package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/rfm9/rfm9/mirror"
)

// progress shows a sync's progress: a bar on a terminal, a log line every few seconds
// otherwise (services, CI and pipes get readable logs, not escape codes).
type progress struct {
	bar     *progressbar.ProgressBar
	lastLog time.Time
	start   time.Time
}

func newProgress(w io.Writer) *progress {
	p := &progress{start: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions64(1000, progressbar.OptionSetWriter(w), progressbar.OptionSetWidth(30),
			progressbar.OptionShowElapsedTimeOnFinish(), progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(200*time.Millisecond))
	}
	return p
}

// update places the period reached on the span from the first period to now: the share
// of time read is the best estimate of the share of work done that 1C allows.
func (p *progress) update(pr mirror.Progress) {
	done := 0.0
	if span := time.Since(pr.From); !pr.From.IsZero() && span > 0 {
		done = min(1, max(0, float64(pr.Period.Sub(pr.From))/float64(span)))
	}
	rate := float64(pr.Records) / max(time.Since(p.start).Seconds(), 0.001)
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%s: %d records, %d documents, %.0f/s", pr.Period.Format(time.DateOnly), pr.Records, pr.Documents, rate))
		p.bar.Set64(int64(done * 1000))
		return
	}
	if time.Since(p.lastLog) >= 5*time.Second {
		p.lastLog = time.Now()
		slog.Info("sync progress", "period", pr.Period.Format(time.DateTime), "records", pr.Records,
			"documents", pr.Documents, "records_per_s", int(rate), "done_pct", int(done*100))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(os.Stderr)
	}
}
