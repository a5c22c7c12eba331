package texts

// inboxText holds the note written beside a refused file kept in the
// inbox's refused folder (ingest/inbox): which file, under which name it is
// kept, why it was refused and what to do; and the message of the runs
// rebuild restores.
func inboxText(key string) (fr, en string) {
	switch key {
	case "inbox.reasons.file":
		return "Fichier : %s", "File: %s"
	case "inbox.reasons.kept":
		return "Conservé sous le nom : %s", "Kept as: %s"
	case "inbox.reasons.intro":
		return "Ce fichier a été refusé pour les raisons suivantes :", "This file was refused for the following reasons:"
	case "inbox.reasons.where":
		// Before a problem's message: « feuille « X », cellule C8 : ».
		return "%s : ", "%s: "
	case "inbox.rebuild.message":
		// The message of a run restored by rebuild, which runs lists.
		return "reconstruit par rebuild depuis le manifeste et les originaux gardés",
			"rebuilt from the manifest and the kept originals"
	case "inbox.reasons.todo":
		return "Que faire : corrigez le fichier selon ces indications, puis déposez-le de nouveau dans le dossier inbox. Rien de ce fichier n’a été compté.",
			"What to do: correct the file as these messages say, then drop it again in the inbox folder. Nothing of this file was counted."
	}
	return "", ""
}
