package exports

import (
	"fmt"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
)

// transitions writes Переходы: how many clients moved from each group at the first
// snapshot of the range to each group at the last, with a "new" row, a "gone" column,
// totals, and how many moved to a better, the same or a worse cell.
func (b *book) transitions(r *KPIReport) {
	s := b.tr("Переходы", "Transitions")
	b.sheet(s, b.tr("Переходы между сегментами", "Moves between segments"), r)
	t := r.Transitions
	if t == nil {
		b.note(s, 1, 4, fmt.Sprintf(b.tr("Для переходов нужны хотя бы два снимка матрицы в периоде, а их %d.",
			"Transitions need at least two matrix snapshots in the period; there are %d."), r.Snapshots))
		return
	}
	b.note(s, 1, 3, fmt.Sprintf(b.tr("Строки — сегмент клиента на %s, столбцы — на %s.", "Rows: the client's segment on %s; columns: on %s."),
		b.day(t.From), b.day(t.To)))
	const head = 5
	n := len(t.Groups)
	labels := make([]string, 0, n+2)
	for _, g := range t.Groups {
		labels = append(labels, b.groupLabel(g))
	}
	b.str(s, 1, head, b.tr("Было \\ стало", "From \\ to"), b.style.head)
	b.headRow(s, 2, head, append(labels, b.tr("Ушли из матрицы", "Gone"), b.tr("Итого", "Total"))...)
	b.check(b.f.SetRowHeight(s, head, 45))
	b.widths(s, append([]float64{30}, repeat(12, n+2)...)...)
	labels = append(labels, b.tr("Новые (не было в матрице)", "New (not in the matrix)"))
	for i, l := range labels {
		b.str(s, 1, head+1+i, l, b.style.bold)
		b.transitionRow(s, head+1+i, t.Counts[i])
	}
	b.transitionTotals(s, head+n+2, t)
	b.colorScale(s, 2, head+1, n+2, head+n+1)
	b.freeze(s, 2, head+1)
	b.moves(s, head+n+4, t)
}

func repeat(v float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// transitionRow writes a row of counts and its total.
func (b *book) transitionRow(s string, row int, counts []int) {
	var sum int64
	for j, k := range counts {
		b.count(s, 2+j, row, int64(k))
		sum += int64(k)
	}
	b.num(s, 2+len(counts), row, sum, 0, b.style.totalCount)
}

// transitionTotals writes the column totals: the groups' sizes at the last snapshot.
func (b *book) transitionTotals(s string, row int, t *lifecycle.Transitions) {
	b.str(s, 1, row, b.tr("Итого", "Total"), b.style.head)
	var all int64
	for j := range len(t.Groups) + 1 {
		var sum int64
		for i := range t.Counts {
			sum += int64(t.Counts[i][j])
		}
		b.num(s, 2+j, row, sum, 0, b.style.totalCount)
		all += sum
	}
	b.num(s, 3+len(t.Groups), row, all, 0, b.style.totalCount)
}

// moves writes the better / same / worse totals with their shares of all the clients
// counted: recency first, then purchase count (lifecycle.CellRank); a change of money
// class alone is the same cell.
func (b *book) moves(s string, row int, t *lifecycle.Transitions) {
	all := int64(t.Better + t.Same + t.Worse + t.New + t.Gone)
	b.headRow(s, 1, row, b.tr("Движение", "Move"), b.tr("Клиентов", "Clients"), b.tr("Доля", "Share"))
	lines := []struct {
		name string
		n    int
	}{
		{b.tr("В лучшую ячейку", "To a better cell"), t.Better},
		{b.tr("Та же ячейка", "Same cell"), t.Same},
		{b.tr("В худшую ячейку", "To a worse cell"), t.Worse},
		{b.tr("Новые", "New"), t.New},
		{b.tr("Ушли из матрицы", "Gone"), t.Gone},
	}
	for i, l := range lines {
		b.str(s, 1, row+1+i, l.name, b.style.bold)
		b.count(s, 2, row+1+i, int64(l.n))
		b.ratio(s, 3, row+1+i, kindShare, kpi.Ratio{Num: int64(l.n), Den: all}, "—")
	}
	b.note(s, 1, row+7, b.tr("Лучше — по давности, затем по числу покупок; смена только денежного класса считается той же ячейкой.",
		"Better: by recency first, then by purchase count; a change of money class alone is the same cell."))
}
