package lifecycle

import (
	"reflect"
	"testing"

	"github.com/rfm9/rfm9/configs"
)

func TestPackRoundTrip(t *testing.T) {
	seen := map[Packed]bool{}
	for _, c := range Codes() {
		p := Pack(c)
		if p == NoCode || p >= PackedCodes || seen[p] {
			t.Fatalf("Pack(%s) = %d: out of range or taken", c, p)
		}
		seen[p] = true
		if back, ok := p.Code(); !ok || back != c {
			t.Fatalf("Pack(%s).Code() = %s, %v", c, back, ok)
		}
	}
	if Pack(Code{1, 1, 1}) != 1 || Pack(Code{3, 3, 3}) != 27 || Pack(Code{2, 1, 3}) != 12 {
		t.Fatal("packing formula changed: stored snapshots depend on it")
	}
	for _, p := range []Packed{NoCode, PackedCodes, 255} {
		if _, ok := p.Code(); ok {
			t.Fatalf("Packed(%d).Code() ok", p)
		}
	}
}

func TestStagesOfDefaultNames(t *testing.T) {
	n, err := ParseNames(configs.SegmentsYAML)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range n.Stages() {
		keys = append(keys, s.Key+"="+s.Name.RU)
	}
	want := []string{"31=Первая покупка", "32=Перспективный", "33=Постоянный", "21,22,23=Удержать", "11,12,13=Вернуть"}
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("stages = %q, want %q", keys, want)
	}
}

func pk(s string) Packed {
	c, err := ParseCode(s)
	if err != nil {
		panic(err)
	}
	return Pack(c)
}

// Five clients between two snapshots, counted by hand:
// 0: 333 → 233 worse (aged); 1: 111 → 311 better (came back); 2: none → 311 new;
// 3: 321 → 323 same cell (money class alone); 4: 211 → none gone (all returned);
// 5: absent from the first slice → 331 new; 6: never in the matrix, not counted.
func TestCountTransitionsByHand(t *testing.T) {
	from := []Packed{pk("333"), pk("111"), NoCode, pk("321"), pk("211")}
	to := []Packed{pk("233"), pk("311"), pk("311"), pk("323"), NoCode, pk("331"), NoCode}
	tr := CountTransitions(from, to, NewGrouping(LevelCell, nil))
	if tr.Better != 1 || tr.Same != 1 || tr.Worse != 1 || tr.New != 2 || tr.Gone != 1 {
		t.Fatalf("better/same/worse/new/gone = %d/%d/%d/%d/%d, want 1/1/1/2/1", tr.Better, tr.Same, tr.Worse, tr.New, tr.Gone)
	}
	idx := map[string]int{}
	for i, g := range tr.Groups {
		idx[g.Key] = i
	}
	newRow, goneCol := len(tr.Groups), len(tr.Groups)
	want := map[[2]int]int{
		{idx["33"], idx["23"]}: 1,
		{idx["11"], idx["31"]}: 1,
		{newRow, idx["31"]}:    1,
		{idx["32"], idx["32"]}: 1,
		{idx["21"], goneCol}:   1,
		{newRow, idx["33"]}:    1,
	}
	for i, row := range tr.Counts {
		for j, k := range row {
			if k != want[[2]int{i, j}] {
				t.Errorf("counts[%d][%d] = %d, want %d", i, j, k, want[[2]int{i, j}])
			}
		}
	}
}

func TestCountTransitionsByStageAndCode(t *testing.T) {
	names, err := ParseNames(configs.SegmentsYAML)
	if err != nil {
		t.Fatal(err)
	}
	from := []Packed{pk("221"), pk("231"), pk("311")}
	to := []Packed{pk("121"), pk("131"), pk("313")}
	st := CountTransitions(from, to, NewGrouping(LevelStage, &names))
	// Удержать (index 3) → Вернуть (index 4) twice; Первая покупка stays once.
	if st.Counts[3][4] != 2 || st.Counts[0][0] != 1 || st.Worse != 2 || st.Same != 1 {
		t.Fatalf("stage transitions = %v, worse %d same %d", st.Counts, st.Worse, st.Same)
	}
	code := CountTransitions(from, to, NewGrouping(LevelCode, &names))
	if len(code.Groups) != 27 || code.Groups[0].Key != "333" || code.Groups[26].Key != "111" {
		t.Fatalf("code groups = %v", code.Groups)
	}
	g := NewGrouping(LevelCode, nil)
	i311, _ := g.Of(pk("311"))
	i313, _ := g.Of(pk("313"))
	if code.Counts[i311][i313] != 1 {
		t.Fatalf("311 → 313 = %d, want 1", code.Counts[i311][i313])
	}
}

func TestDynamicsPoint(t *testing.T) {
	var m Matrix
	m.AsOf = 19_000
	m.Clients = 6
	m.Codes[2][2][2] = Totals{Clients: 1, Monetary: 900, Purchases: 5} // 333
	m.Codes[0][0][0] = Totals{Clients: 3, Monetary: 300, Purchases: 3} // 111
	m.Codes[1][1][0] = Totals{Clients: 2, Monetary: 400, Purchases: 4} // 221
	var d Dynamics
	g := NewGrouping(LevelCell, nil)
	d.AddPoint(&m, 4, g)
	p := d.Points[0]
	if p.Lost != 3 || p.Repeat != 3 || p.Monetary != 1600 || p.BoundsVersion != 4 || p.AsOf != 19_000 {
		t.Fatalf("point = %+v", p)
	}
	i33, _ := g.Of(pk("333"))
	i11, _ := g.Of(pk("111"))
	if p.Groups[i33] != (Totals{1, 900, 5}) || p.Groups[i11] != (Totals{3, 300, 3}) {
		t.Fatalf("groups = %+v", p.Groups)
	}
}

func TestParseLevel(t *testing.T) {
	for _, s := range []string{"cell", "code", "stage"} {
		l, err := ParseLevel(s)
		if err != nil || l.String() != s {
			t.Fatalf("ParseLevel(%q) = %v, %v", s, l, err)
		}
	}
	if _, err := ParseLevel("segment"); err == nil {
		t.Fatal("ParseLevel(segment) accepted")
	}
}
