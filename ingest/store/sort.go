package store

import (
	"cmp"
	"slices"
)

func sortBy[T any](xs []T, key func(T) int64) {
	slices.SortStableFunc(xs, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}
