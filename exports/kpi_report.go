package exports

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// KPIReport is everything the Excel KPI report shows; AssembleKPIReport fills it from
// the store, tests fill it by hand.
type KPIReport struct {
	Lang          string // "ru" (the default) or "en"
	Range         kpi.Range
	Period        kpi.PeriodKind
	Generated     time.Time
	BoundsVersion int64             // version of the matrix bounds in force; 0 for the defaults
	Matrix        *lifecycle.Matrix // the current matrix; nil before the first sync
	Names         *lifecycle.Names
	Rows          []kpi.Row // kpi.Report.Rows(kpi.ByNone, names): one row per period, oldest first
	Segments      []kpi.Row // kpi.Report.Rows(kpi.BySegment, names); optional
	// Dynamics is the size of each group at every snapshot in the range; no points when
	// there are no snapshots.
	Dynamics lifecycle.Dynamics
	// Transitions are the moves between the first and the last snapshot in the range;
	// nil with fewer than two snapshots.
	Transitions *lifecycle.Transitions
	Snapshots   int // snapshots in the range, said when there are too few for transitions
	Cohorts     kpi.CohortReport
}

// WriteKPIReport writes the report as an XLSX workbook to w: Сводка, KPI по месяцам
// (or quarters, years), Сегменты, Динамика, Переходы, Когорты, with native charts.
// The sheets are small (periods ≤ kpi.MaxPeriods, 27 codes), so the workbook is built
// in memory, which charts and conditional formats need; long client lists go through
// the stream writer of ClientXLSX instead.
func WriteKPIReport(w io.Writer, r *KPIReport) error {
	b, err := newBook(r)
	if err != nil {
		return err
	}
	defer b.f.Close()
	for _, sheet := range []func(*KPIReport){b.summary, b.periods, b.segments, b.dynamics, b.transitions, b.cohorts} {
		sheet(r)
		if b.err != nil {
			return fmt.Errorf("exports: kpi report: %w", b.err)
		}
	}
	b.printSetup()
	if b.err != nil {
		return fmt.Errorf("exports: kpi report: %w", b.err)
	}
	b.f.SetActiveSheet(0)
	if _, err := b.f.WriteTo(w); err != nil {
		return fmt.Errorf("exports: kpi report: %w", err)
	}
	return nil
}

// book is the workbook being written. Errors are sticky, as in bufio.Writer: every
// excelize call can fail only on a bad name or reference, and checking each one would
// bury the layout of the sheets; WriteKPIReport checks after each sheet.
type book struct {
	f     *excelize.File
	lang  string
	style styles
	err   error
}

func newBook(r *KPIReport) (*book, error) {
	b := &book{f: excelize.NewFile(), lang: r.Lang}
	if b.lang != "en" {
		b.lang = "ru"
	}
	b.style = b.newStyles()
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title:   b.tr("Отчёт по повторным продажам", "Repeat sales report"),
		Creator: "rfm9", Language: b.lang, Created: r.Generated.UTC().Format(time.RFC3339),
	}))
	if b.err != nil {
		b.f.Close()
		return nil, fmt.Errorf("exports: kpi report: %w", b.err)
	}
	return b, nil
}

// check keeps the first error.
func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// tr picks the Russian or the English text.
func (b *book) tr(ru, en string) string {
	if b.lang == "en" {
		return en
	}
	return ru
}

// text picks a lifecycle.Text in the report's language.
func (b *book) text(t lifecycle.Text) string { return t.In(b.lang) }

// sheet creates a sheet (renaming the workbook's first, empty one) with the report's
// title and header lines.
func (b *book) sheet(name, title string, r *KPIReport) {
	if b.f.SheetCount == 1 && b.f.GetSheetName(0) == "Sheet1" {
		b.check(b.f.SetSheetName("Sheet1", name))
	} else {
		_, err := b.f.NewSheet(name)
		b.check(err)
	}
	b.str(name, 1, 1, title, b.style.title)
	b.str(name, 1, 2, b.header(r), b.style.note)
}

// printSetup prints every sheet landscape, one page wide. It runs last: an autofilter
// rewrites the sheet properties that hold the fit-to-page flag.
func (b *book) printSetup() {
	for _, name := range b.f.GetSheetList() {
		b.check(b.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}))
		b.check(b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	}
}

// header is the line under every title: the period, its split, the bounds version and
// when the report was made.
func (b *book) header(r *KPIReport) string {
	version := b.tr("по умолчанию", "default")
	if r.BoundsVersion > 0 {
		version = fmt.Sprint(r.BoundsVersion)
	}
	return fmt.Sprintf(b.tr("Период: %s – %s, %s · границы матрицы: версия %s · сформирован %s",
		"Period: %s – %s, %s · matrix bounds: version %s · generated %s"),
		b.day(r.Range.From), b.day(r.Range.To), b.periodWord(r.Period), version, b.time(r.Generated))
}

func (b *book) periodWord(k kpi.PeriodKind) string {
	switch k {
	case kpi.Quarter:
		return b.tr("по кварталам", "by quarter")
	case kpi.Year:
		return b.tr("по годам", "by year")
	}
	return b.tr("по месяцам", "by month")
}

// day writes a date as people of the report's language read it.
func (b *book) day(d lifecycle.Day) string {
	if b.lang == "en" {
		return d.String()
	}
	y, m, dd := d.Civil()
	return fmt.Sprintf("%02d.%02d.%04d", dd, int(m), y)
}

func (b *book) time(t time.Time) string {
	if b.lang == "en" {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("02.01.2006 15:04")
}

// periodLabel is a period's key, marked when the report's end cuts it short.
func (b *book) periodLabel(p kpi.Period) string {
	if p.Partial {
		return p.Key + b.tr(" (неполный)", " (partial)")
	}
	return p.Key
}

func ptr[T any](v T) *T { return &v }
