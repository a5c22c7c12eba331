package main

// institution is one establishment of the sample set. Its UAI key letter is
// computed (uaiKey), so that the codes are well formed as real ones are.
type institution struct {
	digits   string // the seven digits of the UAI; the first three are the département
	name     string
	academie string
	from     int // first survey year it can answer (ending year); 0 for always
	until    int // last survey year it can answer; 0 for always
}

// institutionPool lists the institutions the samples draw from: plausible names and
// académies, invented UAI digits. The IUFMs were merged into universities in
// 2008-2009, and the merged universities of Lorraine and Aix-Marseille date
// from 2012, hence the from/until years.
func institutionPool() []institution {
	return []institution{
		{"0331764", "Université de Bordeaux", "Bordeaux", 0, 0},
		{"0330200", "IUFM d'Aquitaine", "Bordeaux", 0, 2009},
		{"0333124", "Université Michel de Montaigne Bordeaux 3", "Bordeaux", 0, 0},
		{"0640251", "Université de Pau et des Pays de l'Adour", "Bordeaux", 0, 0},
		{"0691774", "Université Claude Bernard Lyon 1", "Lyon", 0, 0},
		{"0693300", "IUFM de l'académie de Lyon", "Lyon", 0, 2009},
		{"0691775", "Université Lumière Lyon 2", "Lyon", 0, 0},
		{"0692437", "Université Jean Moulin Lyon 3", "Lyon", 0, 0},
		{"0421095", "Université Jean Monnet Saint-Étienne", "Lyon", 0, 0},
		{"0750357", "Université Paris-Sorbonne", "Paris", 0, 0},
		{"0751723", "Université Paris Diderot", "Paris", 0, 0},
		{"0751721", "Université Paris Descartes", "Paris", 0, 0},
		{"0752306", "IUFM de Paris", "Paris", 0, 2009},
		{"0941111", "Université Paris-Est Créteil Val-de-Marne", "Créteil", 0, 0},
		{"0931827", "Université Paris 8 Vincennes-Saint-Denis", "Créteil", 0, 0},
		{"0931238", "Université Paris 13", "Créteil", 0, 0},
		{"0772502", "Université Paris-Est Marne-la-Vallée", "Créteil", 0, 0},
		{"0951793", "Université de Cergy-Pontoise", "Versailles", 0, 0},
		{"0921204", "Université Paris Ouest Nanterre La Défense", "Versailles", 0, 0},
		{"0781944", "Université de Versailles Saint-Quentin-en-Yvelines", "Versailles", 0, 0},
		{"0911101", "Université Paris-Sud", "Versailles", 0, 0},
		{"0593559", "Université Lille 1 Sciences et technologies", "Lille", 0, 0},
		{"0593561", "Université Lille 3 Charles-de-Gaulle", "Lille", 0, 0},
		{"0623957", "Université d'Artois", "Lille", 0, 0},
		{"0595964", "Université du Littoral Côte d'Opale", "Lille", 0, 0},
		{"0593279", "Université de Valenciennes et du Hainaut-Cambrésis", "Lille", 0, 0},
		{"0673021", "Université de Strasbourg", "Strasbourg", 0, 0},
		{"0681166", "Université de Haute-Alsace", "Strasbourg", 0, 0},
		{"0134009", "Aix-Marseille Université", "Aix-Marseille", 2012, 0},
		{"0840685", "Université d'Avignon et des Pays de Vaucluse", "Aix-Marseille", 0, 0},
		{"0311383", "Université Toulouse II Le Mirail", "Toulouse", 0, 0},
		{"0311384", "Université Toulouse III Paul Sabatier", "Toulouse", 0, 0},
		{"0341088", "Université Montpellier 2", "Montpellier", 0, 0},
		{"0341089", "Université Paul-Valéry Montpellier 3", "Montpellier", 0, 0},
		{"0660437", "Université de Perpignan Via Domitia", "Montpellier", 0, 0},
		{"0440984", "Université de Nantes", "Nantes", 0, 0},
		{"0490970", "Université d'Angers", "Nantes", 0, 0},
		{"0720916", "Université du Maine", "Nantes", 0, 0},
		{"0350937", "Université Rennes 2", "Rennes", 0, 0},
		{"0290346", "Université de Bretagne occidentale", "Rennes", 0, 0},
		{"0561718", "Université de Bretagne-Sud", "Rennes", 0, 0},
		{"0141408", "Université de Caen Basse-Normandie", "Caen", 0, 0},
		{"0761904", "Université de Rouen", "Rouen", 0, 0},
		{"0761874", "Université du Havre", "Rouen", 0, 0},
		{"0801344", "Université de Picardie Jules Verne", "Amiens", 0, 0},
		{"0511296", "Université de Reims Champagne-Ardenne", "Reims", 0, 0},
		{"0542493", "Université de Lorraine", "Nancy-Metz", 2012, 0},
		{"0211237", "Université de Bourgogne", "Dijon", 0, 0},
		{"0251215", "Université de Franche-Comté", "Besançon", 0, 0},
		{"0631262", "Université Blaise Pascal Clermont-Ferrand 2", "Clermont-Ferrand", 0, 0},
		{"0870669", "Université de Limoges", "Limoges", 0, 0},
		{"0860856", "Université de Poitiers", "Poitiers", 0, 0},
		{"0370800", "Université François-Rabelais de Tours", "Orléans-Tours", 0, 0},
		{"0450855", "Université d'Orléans", "Orléans-Tours", 0, 0},
		{"0381838", "Université Joseph Fourier Grenoble 1", "Grenoble", 0, 0},
		{"0730858", "Université de Savoie", "Grenoble", 0, 0},
		{"0060931", "Université Nice Sophia Antipolis", "Nice", 0, 0},
		{"9710585", "Université des Antilles et de la Guyane", "Guadeloupe", 0, 0},
		{"9740478", "Université de La Réunion", "La Réunion", 0, 0},
	}
}

// national is a row of the published national table (survey-format.md): per year,
// institutions that answered, students concerned, certificates delivered.
type national struct {
	year                   int
	institutions           int
	students, certificates int64
}

func publishedNational() []national {
	return []national{
		{2006, 18, 6150, 3290},
		{2007, 23, 17671, 7263},
		{2008, 23, 19516, 12772},
		{2009, 22, 18378, 12635},
		{2010, 21, 13804, 10840},
		{2011, 22, 13978, 5810},
		{2012, 48, 35604, 23009},
	}
}

// trackTarget is one row of the published 2011-2012 table by track: the share
// of certificates in tenths of a point (72,8 % is 728) and the success rate
// in whole points. offeredBy is how many of the 48 institutions of that year
// run the track in the samples (a choice of the samples, not published).
type trackTarget struct {
	code       string
	shareTenth int
	ratePoint  int
	offeredBy  int
}

func publishedTracks2012() []trackTarget {
	return []trackTarget{
		{"masters-enseignement", 728, 64, 48},
		{"autres-masters", 113, 61, 30},
		{"doctorats", 1, 59, 5},
		{"candidats-libres", 76, 86, 20},
		{"fc-sup", 2, 57, 4},
		{"fc-sco", 62, 64, 24},
		{"fc-autres", 16, 72, 10},
	}
}

// breakdownYear is the first year reported by track; earlier years are
// totals only (track "non-ventile").
const breakdownYear = 2012
