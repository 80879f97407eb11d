package modelgate.rules.change_freeze

meta := {
	"id": "change-freeze",
	"title": "No traffic changes during a change freeze",
	"severity": "high",
	"enforcement": "enforce",
	"remediation": "Merge after the freeze ends, or for an urgent fix add a waiver approved by the risk team.",
}

active_windows contains w if {
	some w in object.get(input.settings, "freeze_windows", [])
	w.active == true
}

covers(w, _) if not w.environments

covers(w, env) if env in w.environments

findings contains f if {
	some t in input.changes.traffic
	some w in active_windows
	covers(w, t.environment)
	f := {
		"message": sprintf("%s in %s changes during the change freeze %s .. %s (%s)", [t.model, t.environment, w.start, w.end, object.get(w, "reason", "no reason given")]),
		"file": t.file, "line": t.line, "scope": {"model": t.model, "environment": t.environment},
	}
}
