package texts

// svgText holds the default texts of the charts drawn as SVG for web pages
// (report/svgchart): the legend of the fragile mark, the accessible
// description written when none is given, the title of a bar or point.
func svgText(key string) (fr, en string) {
	switch key {
	case "svg.fragile":
		return "fragile : effectif faible, à lire avec prudence", "fragile: small count, read with care"
	case "svg.bars":
		return "Graphique en barres", "Bar chart"
	case "svg.lines":
		return "Graphique en courbes", "Line chart"
	case "svg.of":
		// After the kind of chart: « de Taux de réussite ».
		return "de %s", "of %s"
	case "svg.by":
		return "par %s", "by %s"
	case "svg.desc":
		// The kind and titles, the series, the first and last categories.
		return "%s : %s ; %s.", "%s: %s; %s."
	case "svg.point":
		// « Masters — 2011-2012 : 64,6 % ».
		return "%s : %s", "%s: %s"
	case "svg.point.fragile":
		return "%s (fragile)", "%s (fragile)"
	}
	return "", ""
}
