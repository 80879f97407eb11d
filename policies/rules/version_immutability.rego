package modelgate.rules.version_immutability

meta := {
	"id": "version-immutability",
	"title": "Published model versions never change",
	"severity": "critical",
	"enforcement": "enforce",
	"remediation": "Revert the edit and publish a new version file (e.g. bump the patch version) instead.",
}

findings contains f if {
	some v in input.changes.versions
	v.immutable_edit
	some edit in v.edits
	f := {
		"message": sprintf("version %s of %s is immutable, but %s changed", [v.version, v.model, edit.pointer]),
		"file": v.file,
		"line": edit.line,
		"scope": {"model": v.model, "version": v.version},
	}
}
