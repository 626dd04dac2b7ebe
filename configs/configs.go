// Package configs holds the files rfm9 ships with: the default segment names and
// strategies, and (later) the example config and the 1C configuration presets.
package configs

import _ "embed"

// SegmentsYAML is the default names, stages and strategies of the 9 cells.
//
//go:embed segments.yaml
var SegmentsYAML []byte
