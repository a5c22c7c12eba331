package store

import (
	"cmp"
	"slices"

	"c2isurvey/ingest"
)

func sortBy[T any](xs []T, key func(T) int64) {
	slices.SortStableFunc(xs, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}

// sortFacts orders facts as ingest.Resolve does: by year, then UAI, keeping
// each submission's own order within.
func sortFacts(fs []ingest.Fact) {
	slices.SortStableFunc(fs, func(x, y ingest.Fact) int {
		return cmp.Or(cmp.Compare(x.Year, y.Year), cmp.Compare(x.UAI, y.UAI))
	})
}
