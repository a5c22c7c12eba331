package main

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// row is one track of one institution's answer.
type row struct {
	track           string
	students, certs int64
}

// answer is what one institution declared for one year: the truth the sample
// files are written from, and what the pipeline must read back.
type answer struct {
	year int
	inst institution
	uai  string
	rows []row // in dictionary order
}

// dataset is every answer of every year, sorted by year then UAI.
type dataset struct {
	answers []answer
	// trackTotals are the 2011-2012 totals by track, in published order.
	trackTotals []row
}

// Seeds of the generator: changing them changes every sample file.
const seedHi, seedLo = 0xC212E, 2006

// build draws the answers. Every random draw comes from one PCG stream taken
// in a fixed order, so the result depends on nothing but the code.
func build() (*dataset, error) {
	rng := rand.New(rand.NewPCG(seedHi, seedLo))
	ds := &dataset{}
	for _, nat := range publishedNational() {
		var eligible []institution
		for _, in := range institutionPool() {
			if (in.from == 0 || nat.year >= in.from) && (in.until == 0 || nat.year <= in.until) {
				eligible = append(eligible, in)
			}
		}
		if len(eligible) < nat.institutions {
			return nil, fmt.Errorf("year %d: %d institutions wanted, %d in the pool", nat.year, nat.institutions, len(eligible))
		}
		perm := rng.Perm(len(eligible))
		chosen := make([]institution, nat.institutions)
		for i := range chosen {
			chosen[i] = eligible[perm[i]]
		}
		slices.SortFunc(chosen, func(a, b institution) int { return cmp.Compare(a.digits, b.digits) })
		// An institution's size: how many of its students sit the C2i2e,
		// relative to the others; log-normal, as institution sizes are.
		size := make([]float64, len(chosen))
		for i := range size {
			size[i] = math.Exp(0.8 * rng.NormFloat64())
		}
		answers := make([]answer, len(chosen))
		for i, in := range chosen {
			answers[i] = answer{year: nat.year, inst: in, uai: uai(in.digits)}
		}
		if nat.year < breakdownYear {
			rows, err := splitTrack(rng, row{"non-ventile", nat.students, nat.certificates}, size, 10)
			if err != nil {
				return nil, fmt.Errorf("year %d: %w", nat.year, err)
			}
			for i := range answers {
				answers[i].rows = []row{rows[i]}
			}
		} else {
			totals, err := solveTracks(nat.students, nat.certificates, publishedTracks2012())
			if err != nil {
				return nil, fmt.Errorf("year %d: %w", nat.year, err)
			}
			ds.trackTotals = totals
			for k, tt := range publishedTracks2012() {
				// Which institutions run the track: a random subset, the
				// teaching masters everywhere.
				who := rng.Perm(len(chosen))[:tt.offeredBy]
				slices.Sort(who)
				w := make([]float64, len(who))
				for j, i := range who {
					w[j] = size[i] * math.Exp(0.3*rng.NormFloat64())
				}
				rows, err := splitTrack(rng, totals[k], w, 1)
				if err != nil {
					return nil, fmt.Errorf("year %d track %s: %w", nat.year, tt.code, err)
				}
				for j, i := range who {
					answers[i].rows = append(answers[i].rows, rows[j])
				}
			}
		}
		ds.answers = append(ds.answers, answers...)
	}
	return ds, nil
}

// splitTrack shares a track's total students and certificates among
// institutions: students in proportion to the weights (at least min each),
// certificates in proportion to students times a success rate that varies
// around the track's, never above the institution's students.
func splitTrack(rng *rand.Rand, total row, weights []float64, min int64) ([]row, error) {
	students, err := split(total.students, weights, nil, min)
	if err != nil {
		return nil, fmt.Errorf("students: %w", err)
	}
	base := float64(total.certs) / float64(total.students)
	cw := make([]float64, len(students))
	for i, s := range students {
		r := math.Min(0.98, base*math.Exp(0.2*rng.NormFloat64()))
		cw[i] = float64(s) * r
	}
	certs, err := split(total.certs, cw, students, 0)
	if err != nil {
		return nil, fmt.Errorf("certificates: %w", err)
	}
	rows := make([]row, len(students))
	for i := range rows {
		rows[i] = row{total.track, students[i], certs[i]}
	}
	return rows, nil
}

// split shares total among len(weights) parts in proportion to the weights,
// each part at least min and at most caps[i] (caps nil: no cap), summing
// exactly to total: water-filling for the caps, then largest remainders.
func split(total int64, weights []float64, caps []int64, min int64) ([]int64, error) {
	n := len(weights)
	if n == 0 {
		return nil, fmt.Errorf("split %d among nobody", total)
	}
	rest := total - min*int64(n)
	if rest < 0 {
		return nil, fmt.Errorf("split %d: below the minimum %d for %d parts", total, min, n)
	}
	room := make([]float64, n) // how much above min each part may take
	for i := range room {
		room[i] = math.Inf(1)
		if caps != nil {
			room[i] = float64(caps[i] - min)
			if room[i] < 0 {
				return nil, fmt.Errorf("split %d: cap %d below the minimum %d", total, caps[i], min)
			}
		}
	}
	share := make([]float64, n)
	fixed := make([]bool, n)
	for {
		var w, r float64 = 0, float64(rest)
		for i := range share {
			if fixed[i] {
				r -= share[i]
			} else {
				w += weights[i]
			}
		}
		if w <= 0 {
			if r > 0.5 {
				return nil, fmt.Errorf("split %d: the caps leave %.0f unplaced", total, r)
			}
			break
		}
		changed := false
		for i := range share {
			if fixed[i] {
				continue
			}
			share[i] = r * weights[i] / w
			if share[i] > room[i] {
				share[i], fixed[i], changed = room[i], true, true
			}
		}
		if !changed {
			break
		}
	}
	out := make([]int64, n)
	var placed int64
	for i, s := range share {
		out[i] = int64(math.Floor(s))
		placed += out[i]
	}
	// Largest remainders first; ties by position, for determinism.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	frac := func(i int) float64 { return share[i] - math.Floor(share[i]) }
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(frac(b), frac(a)) })
	for left := rest - placed; left > 0; {
		gave := false
		for _, i := range order {
			if left == 0 {
				break
			}
			if float64(out[i]+1) <= room[i] {
				out[i]++
				left--
				gave = true
			}
		}
		if !gave {
			return nil, fmt.Errorf("split %d: %d left that no part can take", total, left)
		}
	}
	for i := range out {
		out[i] += min
	}
	return out, nil
}

// solveTracks finds per-track certificates and students that sum exactly to
// the year's totals while every track's share of certificates rounds to the
// published tenth of a point and its success rate to the published point.
// Each count is kept strictly inside its rounding interval (never on a .5
// boundary, where the rounding rule would decide), starting from the nearest
// value and moving the tracks with the most room to absorb the difference.
func solveTracks(students, certs int64, targets []trackTarget) ([]row, error) {
	n := len(targets)
	c := make([]int64, n)
	lo := make([]int64, n)
	hi := make([]int64, n)
	for k, t := range targets {
		// 1000·c/C in (share-0.5, share+0.5) ⇔ c in (C(2share-1)/2000, C(2share+1)/2000).
		lo[k] = floorDiv(certs*int64(2*t.shareTenth-1), 2000) + 1
		hi[k] = ceilDiv(certs*int64(2*t.shareTenth+1), 2000) - 1
		c[k] = clamp(int64(math.Round(float64(certs)*float64(t.shareTenth)/1000)), lo[k], hi[k])
	}
	if err := absorb(c, lo, hi, certs, "certificates"); err != nil {
		return nil, err
	}
	s := make([]int64, n)
	for k, t := range targets {
		// 100·c/s in (rate-0.5, rate+0.5) ⇔ s in (200c/(2rate+1), 200c/(2rate-1)).
		lo[k] = floorDiv(200*c[k], int64(2*t.ratePoint+1)) + 1
		hi[k] = ceilDiv(200*c[k], int64(2*t.ratePoint-1)) - 1
		s[k] = clamp(int64(math.Round(float64(c[k])*100/float64(t.ratePoint))), lo[k], hi[k])
	}
	if err := absorb(s, lo, hi, students, "students"); err != nil {
		return nil, err
	}
	rows := make([]row, n)
	for k, t := range targets {
		rows[k] = row{t.code, s[k], c[k]}
	}
	return rows, nil
}

// absorb moves the values within [lo, hi] so that they sum to total,
// sharing the difference in proportion to each value's room in the needed
// direction: every value then sits at the same relative place in its
// interval, none pushed to an edge while another has room.
func absorb(v, lo, hi []int64, total int64, what string) error {
	var sum int64
	for _, x := range v {
		sum += x
	}
	d := total - sum
	if d == 0 {
		return nil
	}
	sign := int64(1)
	if d < 0 {
		sign, d = -1, -d
	}
	room := make([]int64, len(v))
	w := make([]float64, len(v))
	for k := range v {
		room[k] = hi[k] - v[k]
		if sign < 0 {
			room[k] = v[k] - lo[k]
		}
		w[k] = float64(room[k])
	}
	moves, err := split(d, w, room, 0)
	if err != nil {
		return fmt.Errorf("no %s per track sum to %d within the published roundings: %w", what, total, err)
	}
	for k := range v {
		v[k] += sign * moves[k]
	}
	return nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

func clamp(x, lo, hi int64) int64 { return max(lo, min(hi, x)) }

// uai completes seven digits with the key letter of the national UAI code:
// the number modulo 23 indexes the alphabet without I, O and Q
// (0751717 → J).
func uai(digits string) string {
	var n int
	for _, r := range digits {
		n = n*10 + int(r-'0')
	}
	return digits + string("ABCDEFGHJKLMNPRSTUVWXYZ"[n%23])
}
