// This file is c2isurvey's addition to fpdf v0.12.0 (docs/fpdf.md).

package fpdf

import "strconv"

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
			dst = strconv.AppendFloat(dst, v, 'f', int(format[i+1]-'0'), 64)
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
