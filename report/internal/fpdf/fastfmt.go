// This file is c2isurvey's addition to fpdf v0.12.0 (docs/fpdf.md).

package fpdf

import (
	"bytes"
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// appendFormat appends to dst what fmt.Sprintf(format, args...) gives,
// for the formats fpdf draws a table's cells with: verbs %.Nf (N one
// digit) of a float64, %s of a string, %d of an int and %%. It returns
// ok false, and dst as it came, for any other verb, flag, width or
// argument type, or a count of arguments that does not match, which the
// caller then gives to fmt. fmt formats %.Nf with strconv's 'f' format
// at precision N, which is what is appended here; a cell's text took
// about ten allocations through fmt.Sprintf.
func appendFormat(dst []byte, format string, args []any) (_ []byte, ok bool) {
	start := len(dst)
	arg := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			dst = append(dst, c)
			continue
		}
		i++
		if i >= len(format) {
			return dst[:start], false
		}
		switch format[i] {
		case '%':
			dst = append(dst, '%')
			continue
		case '.':
			if i+2 >= len(format) || format[i+1] < '0' || format[i+1] > '9' || format[i+2] != 'f' || arg >= len(args) {
				return dst[:start], false
			}
			v, isFloat := args[arg].(float64)
			if !isFloat {
				return dst[:start], false
			}
			dst = appendFixed(dst, v, int(format[i+1]-'0'))
			i += 2
		case 's':
			if arg >= len(args) {
				return dst[:start], false
			}
			v, isString := args[arg].(string)
			if !isString {
				return dst[:start], false
			}
			dst = append(dst, v...)
		case 'd':
			if arg >= len(args) {
				return dst[:start], false
			}
			v, isInt := args[arg].(int)
			if !isInt {
				return dst[:start], false
			}
			dst = strconv.AppendInt(dst, int64(v), 10)
		default:
			return dst[:start], false
		}
		arg++
	}
	if arg != len(args) {
		return dst[:start], false
	}
	return dst, true
}

// appendFixed appends strconv.AppendFloat(dst, v, 'f', prec, 64): v with
// prec decimals, correctly rounded (half to even on v's exact binary
// value), as fpdf writes every coordinate and dimension. strconv's
// general algorithm took some 2 % of a publication's CPU for numbers that
// are, here, exact integers once scaled: for |v| < 2^40 and prec at most
// 6, v's mantissa times 10^prec fits in 64 bits, and the rounding is read
// off the bits shifted out. Anything else goes to strconv.
func appendFixed(dst []byte, v float64, prec int) []byte {
	if prec < 0 || prec > 6 || !(math.Abs(v) < 1<<40) { // NaN too
		return strconv.AppendFloat(dst, v, 'f', prec, 64)
	}
	neg := math.Signbit(v)
	b := math.Float64bits(v)
	exp := int(b>>52) & 0x7ff
	mant := b & (1<<52 - 1)
	if exp == 0 {
		exp = 1 // subnormal
	} else {
		mant |= 1 << 52
	}
	shift := 1075 - exp // v = mant / 2^shift
	pow := uint64(1)
	for range prec {
		pow *= 10
	}
	hi, lo := bits.Mul64(mant, pow)
	if hi != 0 || shift >= 64 {
		// Not within 64 bits (|v| below 2^-11 or so): strconv's way.
		return strconv.AppendFloat(dst, v, 'f', prec, 64)
	}
	// q is v × 10^prec rounded to an integer.
	var q uint64
	if shift <= 0 {
		q = lo << -shift // v an integer below 2^40: exact
	} else {
		q = lo >> shift
		rem, half := lo&(1<<shift-1), uint64(1)<<(shift-1)
		if rem > half || rem == half && q&1 == 1 {
			q++
		}
	}
	if neg {
		dst = append(dst, '-')
	}
	// q's digits, the point prec digits from the right, at least one digit
	// before it: at most 19 digits (q < 2^40 × 10^6) and the point.
	var digits [24]byte
	n := len(digits)
	for range prec {
		n--
		digits[n] = byte('0' + q%10)
		q /= 10
	}
	if prec > 0 {
		n--
		digits[n] = '.'
	}
	for {
		n--
		digits[n] = byte('0' + q%10)
		q /= 10
		if q == 0 {
			break
		}
	}
	return append(dst, digits[n:]...)
}

// replaceShorter replaces every old in b by repl, no longer than old and
// old not empty, in b itself, and returns the part of b that holds the
// result: bytes.ReplaceAll's bytes, without the copy it makes.
func replaceShorter(b []byte, old, repl string) []byte {
	w, r := 0, 0
	for {
		i := bytes.Index(b[r:], []byte(old))
		if i < 0 {
			break
		}
		w += copy(b[w:], b[r:r+i])
		w += copy(b[w:], repl)
		r += i + len(old)
	}
	w += copy(b[w:], b[r:])
	return b[:w]
}

// plainUTF8 reports whether s is valid UTF-8 of runes below U+10000, which
// utf8toutf16 turns into one UTF-16 unit each (it mangles the others and
// may panic on invalid bytes: those go its way, as before).
func plainUTF8(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || size == 4 {
			return false
		}
		i += size
	}
	return true
}

// appendTextCell appends what CellFormat writes for a line of text txt,
// plainUTF8, in a UTF-8 font at bt, td: "BT %.2f %.2f Td (%s)Tj ET" of
// f.escape(utf8toutf16(txt, false)), without the three strings made on
// the way.
func (b *fmtBuffer) appendTextCell(bt, td float64, txt string) {
	b.Grow(48 + 4*len(txt))
	buf := b.AvailableBuffer()
	buf = append(buf, "BT "...)
	buf = appendFixed(buf, bt, 2)
	buf = append(buf, ' ')
	buf = appendFixed(buf, td, 2)
	buf = append(buf, " Td ("...)
	buf = appendUTF16Escaped(buf, txt)
	buf = append(buf, ")Tj ET"...)
	b.Write(buf)
}

// appendUTF16Escaped appends f.escape(utf8toutf16(s, false)) for s
// plainUTF8: each rune as its two UTF-16BE bytes, each byte escaped as
// escape escapes it (a backslash, a parenthesis, a carriage return; a byte
// of a unit too, such as the 0x28 of U+0128).
func appendUTF16Escaped(dst []byte, s string) []byte {
	for _, r := range s {
		for _, c := range [2]byte{byte(r >> 8), byte(r)} {
			switch c {
			case '\\', '(', ')':
				dst = append(dst, '\\', c)
			case '\r':
				dst = append(dst, '\\', 'r')
			default:
				dst = append(dst, c)
			}
		}
	}
	return dst
}

// runeSet is a set of the runes below U+10000, a bit each.
type runeSet [1 << 10]uint64

// useRunes notes the runes of s in the current font's runes used
// (usedRunes), which make its subset: a map assignment a character drawn,
// some 2 % of a publication's time, where most characters of a document
// are the same few dozen. A rune the font's runeSet holds is in usedRunes
// already and is not assigned again; usedRunes ends the same.
func (f *Fpdf) useRunes(s string) {
	font := &f.currentFont
	for _, uni := range s {
		if set := font.usedSet; set != nil && uni >= 0 && uni < 1<<16 {
			w, bit := uni>>6, uint64(1)<<(uni&63)
			if set[w]&bit != 0 {
				continue
			}
			set[w] |= bit
		}
		font.usedRunes[int(uni)] = int(uni)
	}
}
