package lifecycle

import "strings"

// Stage is a group of cells that share a stage name (надсегмент), such as "Удержать".
// Key lists its cells, "21,22,23": stable whatever the language, and renamed stages
// regroup by themselves.
type Stage struct {
	Key   string
	Name  Text
	Cells []Cell
}

// Stages returns the distinct stages by their Russian name, in the order their first
// cells come in Cells(); the zero Names gives one stage with an empty name.
func (n *Names) Stages() []Stage {
	var out []Stage
	for _, c := range Cells() {
		name := n.Of(c).Stage
		i := 0
		for i < len(out) && out[i].Name.RU != name.RU {
			i++
		}
		if i == len(out) {
			out = append(out, Stage{Name: name})
		}
		out[i].Cells = append(out[i].Cells, c)
	}
	for i := range out {
		keys := make([]string, len(out[i].Cells))
		for j, c := range out[i].Cells {
			keys[j] = c.String()
		}
		out[i].Key = strings.Join(keys, ",")
	}
	return out
}
