// This file is c2isurvey's addition to fpdf v0.12.0; the project's
// docs/fpdf.md says why and lists every change made to the other files
// (each marked "c2isurvey").

package fpdf

import (
	"bytes"
	"compress/zlib"
	"slices"
	"sync"
)

// UTF8FontCache keeps the definitions of the UTF-8 fonts documents have
// parsed, so that the next document given the same font file takes its
// definition instead of parsing the file again. fpdf parses a TrueType
// file for every document it is added to and makes the font's id from a
// JSON encoding of its 65,536 character widths: some 1.5 ms a font, for
// a definition that depends on the file's bytes and the font's family and
// style only. A cache may be shared by documents drawn at the same time.
// The definition taken from it is the one the document would have parsed,
// so a document's bytes do not depend on whether the cache was used.
type UTF8FontCache struct {
	mu   sync.Mutex
	defs []cachedFont
}

// cachedFont is the definition parsed from file for the font key key,
// without what belongs to one document (its runes used, its reader).
type cachedFont struct {
	key  string
	file []byte
	def  fontDefType
	cmap *cachedCMAP
}

// cachedCMAP is what GenerateCutFont reads of a font's cmap, read by the
// first document to write the font and then shared: which glyph draws
// each rune, some 0.6 ms a font and a document to read again. Only read
// once made.
type cachedCMAP struct {
	once       sync.Once
	charSymbol map[int]int // nil when the font has no Unicode cmap
	// cuts are the font's cuts (fontCut) the documents made, by the
	// runes they used (runesKey).
	mu   sync.Mutex
	cuts map[string]*fontCut
	hits int // cuts taken from cuts, for the tests
}

// load reads the cmap through utf, the first time, as GenerateCutFont
// would, and gives utf the shared result; false when the font has none.
func (c *cachedCMAP) load(utf *utf8FontFile) bool {
	c.once.Do(func() {
		if utf.generateCMAP() != nil {
			c.charSymbol = utf.charSymbolDictionary
		}
	})
	utf.charSymbolDictionary = c.charSymbol
	return c.charSymbol != nil
}

// fontCut is what a document writes of a UTF-8 font for the runes it
// used: the font file cut to them (GenerateCutFont) and deflated, its
// length before, the runes' widths (the /W array) and the map of the
// runes to the cut font's glyphs (CIDToGIDMap), deflated. It depends on
// the font and the set of runes only: the documents of a publication use
// a few sets of runes between them (17 among the 42 fonts of the 14 PDFs
// of 5,000 forms), and each cut took some 1 ms, mostly deflating the
// font and the 128 KB map. Never changed once made.
type fontCut struct {
	file     []byte
	fileLen  int
	widths   string
	cidToGid []byte
}

// cutFont returns the cut of font, a UTF-8 font, for its runes used: the
// one its font cache holds for the same runes (runesKey), else made (and
// kept there when the document has a cache).
func (f *Fpdf) cutFont(font *fontDefType) *fontCut {
	c := font.utf8File.cmap
	var key string
	if c != nil {
		key = runesKey(font.usedRunes)
		c.mu.Lock()
		cut := c.cuts[key]
		if cut != nil {
			c.hits++
		}
		c.mu.Unlock()
		if cut != nil {
			return cut
		}
	}
	// As putfonts made them before (fpdf v0.12.0).
	stream := font.utf8File.GenerateCutFont(font.usedRunes)
	cut := &fontCut{fileLen: len(stream), widths: generateCIDFontMap(font, font.utf8File.LastRune)}
	codeSign := font.utf8File.CodeSymbolDictionary
	delete(codeSign, 0)
	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range codeSign {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	mem := xmem.compress(cidToGidMap)
	cut.cidToGid = bytes.Clone(mem.bytes())
	mem.release()
	mem = xmem.compress(stream)
	cut.file = bytes.Clone(mem.bytes())
	mem.release()
	if c != nil {
		c.mu.Lock()
		if c.cuts == nil {
			c.cuts = map[string]*fontCut{}
		}
		if kept := c.cuts[key]; kept != nil {
			cut = kept // made by another document at the same time: the same
		} else {
			c.cuts[key] = cut
		}
		c.mu.Unlock()
	}
	return cut
}

// runesKey is the runes used, as a key: each rune and its value in order,
// four bytes each. The value matters: GenerateCutFont reads the values,
// not the keys, and the runes a document starts with (makeSubsetRange)
// have the value 0 until a text uses them.
func runesKey(used map[int]int) string {
	runes := make([]int, 0, len(used))
	for r := range used {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	b := make([]byte, 0, 8*len(runes))
	for _, r := range runes {
		v := used[r]
		b = append(b, byte(r>>24), byte(r>>16), byte(r>>8), byte(r), byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	}
	return string(b)
}

// NewUTF8FontCache returns an empty cache.
func NewUTF8FontCache() *UTF8FontCache { return &UTF8FontCache{} }

// SetUTF8FontCache makes AddUTF8FontFromBytes take the definitions of
// fonts from c, and put there those it parses. nil, the default, parses
// every font.
func (f *Fpdf) SetUTF8FontCache(c *UTF8FontCache) { f.utf8Fonts = c }

// get returns the definition parsed for key from file, if c holds it. The
// file is compared whole: the same bytes at another address are the same
// font, other bytes at the same address (a slice written over) are not.
func (c *UTF8FontCache) get(key string, file []byte) (fontDefType, *cachedCMAP, bool) {
	if c == nil {
		return fontDefType{}, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.defs {
		if e.key == key && bytes.Equal(e.file, file) {
			return e.def, e.cmap, true
		}
	}
	return fontDefType{}, nil, false
}

// put keeps def, parsed for key from file, keeping a copy of file so that
// what the caller does with its slice afterwards cannot change the key. It
// returns the font's shared cmap (nil without a cache).
func (c *UTF8FontCache) put(key string, file []byte, def fontDefType) *cachedCMAP {
	if c == nil {
		return nil
	}
	def.utf8File, def.usedRunes, def.usedSet = nil, nil, nil
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.defs {
		if e.key == key && bytes.Equal(e.file, file) {
			return e.cmap // parsed by another document at the same time
		}
	}
	e := cachedFont{key: key, file: bytes.Clone(file), def: def, cmap: &cachedCMAP{}}
	c.defs = append(c.defs, e)
	return e.cmap
}

// zwPool holds the zlib writers xmempool.compress uses, at fpdf's level.
var zwPool = sync.Pool{New: func() any {
	zw, err := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	if err != nil {
		panic(err) // BestSpeed is a valid level
	}
	return zw
}}

// Len returns the number of font definitions c holds.
func (c *UTF8FontCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.defs)
}
