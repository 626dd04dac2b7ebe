package exports

import (
	"fmt"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/money"
)

// segments writes Сегменты: the current 3×3 matrix as blocks (names, clients, share, M,
// M per client, the clients' average check, the range's average check), each numeric
// block coloured as a heat map, and beside them the 27 codes with their names and
// sentences.
func (b *book) segments(r *KPIReport) {
	s := b.tr("Сегменты", "Segments")
	b.sheet(s, b.tr("Матрица 9 сегментов", "The 9-segment matrix"), r)
	b.widths(s, 19, 24, 24, 24, 4, 7, 24, 20, 11, 10, 16, 14, 14, 70)
	if r.Matrix == nil {
		b.note(s, 1, 4, b.tr("Матрицы ещё нет: она появится после первой синхронизации.", "No matrix yet: it comes with the first sync."))
		return
	}
	m := r.Matrix
	b.note(s, 1, 3, fmt.Sprintf(b.tr("На %s: клиентов %d, сумма покупок %s.", "As of %s: %d clients, purchases of %s."),
		b.day(m.AsOf), m.Clients, money.Rubles(matrixMonetary(m), b.lang)))
	checks := cellChecks(r.Segments)
	blocks := []struct {
		title string
		kind  kind
		of    func(lifecycle.Cell) kpi.Ratio
	}{
		{b.tr("Клиенты", "Clients"), kindCount, func(c lifecycle.Cell) kpi.Ratio { return total(int64(m.Cell(c).Clients)) }},
		{b.tr("Доля клиентов", "Share of clients"), kindShare, func(c lifecycle.Cell) kpi.Ratio {
			return kpi.Ratio{Num: int64(m.Cell(c).Clients), Den: int64(m.Clients)}
		}},
		{b.tr("Сумма покупок (M)", "Purchases (M)"), kindMoney, func(c lifecycle.Cell) kpi.Ratio { return total(m.Cell(c).Monetary) }},
		{b.tr("M на клиента", "M per client"), kindMoney, func(c lifecycle.Cell) kpi.Ratio {
			t := m.Cell(c)
			return kpi.Ratio{Num: t.Monetary, Den: int64(t.Clients)}
		}},
		// Den 0 for a matrix stored before purchases were counted: "—", not a zero check.
		{b.tr("Средний чек клиентов ячейки (M / покупки, за всё время)", "The cell's clients' average check (M / purchases, all time)"),
			kindMoney, func(c lifecycle.Cell) kpi.Ratio { return checkOf(m.Cell(c)) }},
		{b.tr("Средний чек за период отчёта (по ячейке клиента на начало каждого периода)",
			"Average check over the report's range (by the client's cell at each period's start)"), kindMoney,
			func(c lifecycle.Cell) kpi.Ratio { return checks[c.String()] }}, // a cell nobody bought from has Den 0: "—"
	}
	row := 4
	b.matrixNames(s, row, m, r.Names)
	for _, bl := range blocks {
		row += 6
		b.matrixBlock(s, row, bl.title, m, bl.kind, bl.of)
	}
	b.codes(s, 6, 4, m, r.Names)
}

// matrixMonetary is the net of all the matrix's clients.
func matrixMonetary(m *lifecycle.Matrix) int64 {
	var sum int64
	for _, c := range lifecycle.Cells() {
		sum += m.Cell(c).Monetary
	}
	return sum
}

// checkOf is the average check of a cell's or code's clients: M over their purchases.
func checkOf(t lifecycle.Totals) kpi.Ratio {
	return kpi.Ratio{Num: t.Monetary, Den: int64(t.Purchases)}
}

// cellChecks sums the by-segment rows of all periods per cell: the purchases and their
// revenue add up, so the average check over the range is exact.
func cellChecks(rows []kpi.Row) map[string]kpi.Ratio {
	out := map[string]kpi.Ratio{}
	for i := range rows {
		r := &rows[i]
		if r.Group.Key == "new" || r.Group.Key == "all" {
			continue
		}
		c := out[r.Group.Key]
		c.Num += r.PurchaseRevenue
		c.Den += r.Purchases
		out[r.Group.Key] = c
	}
	return out
}

// matrixFrame writes a block's title and its row and column labels: recency classes
// down (active first), purchase count classes across, as the methodology draws it.
func (b *book) matrixFrame(s string, row int, title string, bounds lifecycle.Bounds) {
	b.str(s, 1, row, title, b.style.bold)
	b.str(s, 1, row+1, b.tr("Давность \\ покупки", "Recency \\ purchases"), b.style.head)
	c, d := bounds.Count, bounds.RecencyDays
	b.headRow(s, 2, row+1, fmt.Sprintf("F1: ≤ %d", c[0]), fmt.Sprintf("F2: %d–%d", c[0]+1, c[1]), fmt.Sprintf("F3: ≥ %d", c[1]+1))
	days := b.tr("дн.", "days")
	b.str(s, 1, row+2, fmt.Sprintf("R3: ≤ %d %s", d[0], days), b.style.bold)
	b.str(s, 1, row+3, fmt.Sprintf("R2: %d–%d %s", d[0]+1, d[1], days), b.style.bold)
	b.str(s, 1, row+4, fmt.Sprintf("R1: > %d %s", d[1], days), b.style.bold)
}

// matrixNames writes the block of cell names, so the numbers below read by name.
func (b *book) matrixNames(s string, row int, m *lifecycle.Matrix, names *lifecycle.Names) {
	b.matrixFrame(s, row, b.tr("Сегменты", "Segments"), m.Bounds)
	for _, c := range lifecycle.Cells() {
		name := c.String()
		if names != nil {
			name = b.text(names.Of(c).Name)
		}
		b.str(s, 1+int(c.F), row+5-int(c.R), name, 0)
	}
}

// matrixBlock writes one number per cell and colours the block from white to green.
func (b *book) matrixBlock(s string, row int, title string, m *lifecycle.Matrix, k kind, of func(lifecycle.Cell) kpi.Ratio) {
	b.matrixFrame(s, row, title, m.Bounds)
	for _, c := range lifecycle.Cells() {
		b.ratio(s, 1+int(c.F), row+5-int(c.R), k, of(c), "—")
	}
	b.colorScale(s, 2, row+2, 4, row+4)
}

// codes writes the 27 codes from 333 down with an autofilter.
func (b *book) codes(s string, col, row int, m *lifecycle.Matrix, names *lifecycle.Names) {
	b.str(s, col, row-1, b.tr("27 кодов", "The 27 codes"), b.style.bold)
	b.headRow(s, col, row, b.tr("Код", "Code"), b.tr("Сегмент", "Segment"), b.tr("Этап", "Stage"), b.tr("Клиенты", "Clients"),
		b.tr("Доля клиентов", "Share"), b.tr("Сумма покупок (M)", "Purchases (M)"), b.tr("M на клиента", "M per client"),
		b.tr("Средний чек (M / покупки)", "Average check (M / purchases)"), b.tr("Что значит код", "What the code means"))
	for i, c := range lifecycle.Codes() {
		y := row + 1 + i
		t := m.Code(c)
		b.str(s, col, y, c.String(), 0)
		if names != nil {
			n := names.Of(c.Cell())
			b.str(s, col+1, y, b.text(n.Name), 0)
			b.str(s, col+2, y, b.text(n.Stage), 0)
		}
		b.count(s, col+3, y, int64(t.Clients))
		b.ratio(s, col+4, y, kindShare, kpi.Ratio{Num: int64(t.Clients), Den: int64(m.Clients)}, "—")
		b.money(s, col+5, y, t.Monetary)
		b.ratio(s, col+6, y, kindMoney, kpi.Ratio{Num: t.Monetary, Den: int64(t.Clients)}, "—")
		b.ratio(s, col+7, y, kindMoney, checkOf(t), "—")
		b.str(s, col+8, y, m.Explain(c, b.lang), 0)
	}
	b.filter(s, col, row, col+8, row+27)
	b.colorScale(s, col+3, row+1, col+3, row+27)
}
