package modelgate.rules.retrain_overdue

import data.modelgate.lib

meta := {
	"id": "retrain-overdue",
	"title": "Serving versions are retrained on schedule",
	"severity": "low",
	"enforcement": "warn",
	"remediation": "Retrain the model on recent data and register a new version.",
}

default_max_age := lib.param(meta.id, "max_age_days", 90)

findings contains f if {
	some s in object.get(input.facts, "serving", [])
	max_age := object.get(s, "retrain_after_days", default_max_age)
	s.age_days > max_age
	f := {
		"message": sprintf("%s %s serving in %s was trained %v days ago (limit %v)", [s.model, s.version, s.environment, s.age_days, max_age]),
		"file": s.file, "line": s.line,
		"scope": {"model": s.model, "version": s.version, "environment": s.environment},
	}
}
