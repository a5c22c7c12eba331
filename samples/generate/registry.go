package main

import (
	"bytes"
	"cmp"
	"slices"
	"time"

	"c2isurvey/ingest/registry"
)

// registryName is the samples' registry of expected respondents, at the
// root of samples/ (a folder scan passes over a file of that name).
const registryName = "registry.csv"

// successors are the mergers of the samples: the IUFMs (teacher training
// institutes) became schools of a university in 2008-2009, so their last
// year expected is 2009 and the university answers for them from 2010.
var successors = map[string]string{
	"0330200": "0331764", // IUFM d'Aquitaine → Université de Bordeaux
	"0693300": "0691774", // IUFM de l'académie de Lyon → Université Claude Bernard Lyon 1
	"0752306": "0750357", // IUFM de Paris → Université Paris-Sorbonne
}

// unlisted is an institution that answers but that the registry leaves
// out, so that an answer nobody expected is shown too.
const unlisted = "0761874" // Université du Havre

// neverAnswered are expected institutions that send no file in any year:
// plausible names, invented UAI digits with their check letter. The
// Université de Nîmes is expected from 2008 only.
func neverAnswered() []institution {
	return []institution{
		{"7200664", "Université de Corse Pasquale Paoli", "Corse", 0, 0},
		{"0301687", "Université de Nîmes", "Montpellier", 2008, 0},
		{"0601223", "Université de technologie de Compiègne", "Amiens", 0, 0},
		{"0830766", "Université du Sud Toulon-Var", "Nice", 0, 0},
	}
}

// sampleRegistry is the registry of the samples: every institution of the
// pool (those that never answer in the drawn years included) but unlisted,
// expected from 2006 or the year it was created, until the year it merged,
// and the institutions of neverAnswered; sorted by UAI.
func sampleRegistry() *registry.Registry {
	first := publishedNational()[0].year
	reg := &registry.Registry{}
	for _, in := range append(institutionPool(), neverAnswered()...) {
		if in.digits == unlisted {
			continue
		}
		e := registry.Entry{UAI: uai(in.digits), Institution: in.name, Academie: in.academie, FirstYear: max(first, in.from), LastYear: in.until}
		if s, ok := successors[in.digits]; ok {
			e.Successor = uai(s)
		}
		reg.Entries = append(reg.Entries, e)
	}
	slices.SortFunc(reg.Entries, func(a, b registry.Entry) int { return cmp.Compare(a.UAI, b.UAI) })
	return reg
}

// registryFile writes the samples' registry, dated like the last year's
// files.
func registryFile() (sampleFile, error) {
	var b bytes.Buffer
	if err := sampleRegistry().Write(&b); err != nil {
		return sampleFile{}, err
	}
	last := publishedNational()[len(publishedNational())-1].year
	return sampleFile{path: registryName, data: b.Bytes(), mod: time.Date(last, time.September, 1, 9, 0, 0, 0, time.UTC)}, nil
}
