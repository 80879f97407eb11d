package modelgate.rules.schema_validity

meta := {
	"id": "schema-validity",
	"title": "Registry files are valid",
	"severity": "critical",
	"enforcement": "enforce",
	"remediation": "Fix the file at the reported line so that it matches its JSON Schema and references (run `modelgate validate`).",
}

findings contains f if {
	some e in input.registry.errors
	f := {
		"message": sprintf("%s: %s", [e.code, e.message]),
		"file": e.file,
		"line": e.line,
		"remediation": object.get(e, "hint", meta.remediation),
	}
}
