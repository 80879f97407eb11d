# Aggregates every built-in rule (data.modelgate.rules.*) and custom rule (data.modelgate.custom.*) into
# one decision. Entrypoint: modelgate/main/decision. Output: schemas/decision.schema.json.
package modelgate.main

import data.modelgate.lib

# Rules that the engine itself reports on (not packages under modelgate.rules).
engine_rules := {"waiver-validity": {
	"id": "waiver-validity",
	"title": "Waivers are approved, known and unexpired",
	"severity": "medium",
	"enforcement": "warn",
	"remediation": "Renew the waiver (new expiry), have it approved by someone other than the author from an allowed team, or delete it.",
}}

builtin_meta[id] := m if {
	some name
	m := data.modelgate.rules[name].meta
	id := m.id
}

builtin_meta[id] := m if some id, m in engine_rules

custom_ids contains x.id if {
	some name
	some x in data.modelgate.custom[name].deny
}

custom_ids contains x.id if {
	some name
	some x in data.modelgate.custom[name].warn
}

# A custom package may declare the ids it can emit, so waivers for them are valid when they are silent.
custom_ids contains id if {
	some name
	some id in data.modelgate.custom[name].rule_ids
}

known_ids := {id | some id, _ in builtin_meta} | custom_ids

configured(id) := input.settings.rules[id].enforcement

enforcement(id, fallback) := e if {
	e := configured(id)
} else := fallback

raw contains f if {
	some name
	m := data.modelgate.rules[name].meta
	some x in data.modelgate.rules[name].findings
	f := {
		"rule": m.id,
		"source": "builtin",
		"severity": m.severity,
		"enforcement": enforcement(m.id, m.enforcement),
		"message": x.message,
		"remediation": object.get(x, "remediation", m.remediation),
		"file": object.get(x, "file", ""),
		"line": object.get(x, "line", 0),
		"scope": object.get(x, "scope", {}),
	}
}

raw contains f if {
	some name
	some x in data.modelgate.custom[name].deny
	f := custom_finding(name, x, "enforce")
}

raw contains f if {
	some name
	some x in data.modelgate.custom[name].warn
	f := custom_finding(name, x, "warn")
}

custom_finding(name, x, fallback) := {
	"rule": x.id,
	"source": sprintf("custom:%s", [name]),
	"severity": object.get(x, "severity", "high"),
	"enforcement": enforcement(x.id, fallback),
	"message": x.message,
	"remediation": object.get(x, "remediation", ""),
	"file": object.get(x, "file", ""),
	"line": object.get(x, "line", 0),
	"scope": object.get(x, "scope", {}),
}

# ---------- waivers
waiver_status(w) := "unknown-rule" if {
	w.status == "active"
	not known_ids[w.rule]
} else := w.status

active_waivers contains w if {
	some w in input.waivers
	waiver_status(w) == "active"
}

scope_matches(waiver_scope, finding_scope) if {
	every key, value in waiver_scope {
		finding_scope[key] == value
	}
}

waivers_of(f) := {w.id |
	some w in active_waivers
	w.rule == f.rule
	scope_matches(object.get(w, "scope", {}), f.scope)
}

waived contains object.union(f, {"waivers": sort([id | some id in ids])}) if {
	some f in raw
	ids := waivers_of(f)
	count(ids) > 0
}

open contains f if {
	some f in raw
	count(waivers_of(f)) == 0
}

waiver_problem := {
	"expired": "waiver %s for %s expired at %s and no longer applies",
	"unapproved": "waiver %s for %s is not validly approved (%s) and does not apply",
	"unknown-rule": "waiver %s names rule %s, which no policy defines; it does not apply",
}

waiver_detail(w) := w.expires if waiver_status(w) == "expired"

waiver_detail(w) := object.get(w, "problem", "approver") if waiver_status(w) == "unapproved"

waiver_detail(w) := "" if waiver_status(w) == "unknown-rule"

# Expired or unapproved waivers warn; a waiver for a rule nobody defines is a mistake (a typo would
# silently waive nothing), so it denies until fixed.
waiver_enforcement(status) := "enforce" if status == "unknown-rule"

waiver_enforcement(status) := "warn" if status != "unknown-rule"

waiver_findings contains f if {
	some w in input.waivers
	status := waiver_status(w)
	status != "active"
	m := engine_rules["waiver-validity"]
	f := {
		"rule": m.id,
		"source": "builtin",
		"severity": m.severity,
		"enforcement": waiver_enforcement(status),
		"message": trim_space(sprintf(waiver_problem[status], [w.id, w.rule, waiver_detail(w)])),
		"remediation": m.remediation,
		"file": w.file,
		"line": w.line,
		"scope": {},
	}
}

# ---------- overrides: every enforcement that differs from a built-in default is reported
overrides contains o if {
	some id, setting in input.settings.rules
	setting.enforcement
	m := builtin_meta[id]
	setting.enforcement != m.enforcement
	o := {"rule": id, "default": m.enforcement, "configured": setting.enforcement, "file": "modelgate.yaml", "line": object.get(setting, "line", 0)}
}

unknown_settings contains f if {
	some id, setting in input.settings.rules
	not known_ids[id]
	f := {
		"rule": "policy-settings",
		"source": "builtin",
		"severity": "low",
		"enforcement": "warn",
		"message": sprintf("modelgate.yaml configures rule %s, which no policy defines", [id]),
		"remediation": "Fix the rule id (see docs/policies.md for the list) or remove the entry.",
		"file": "modelgate.yaml",
		"line": object.get(setting, "line", 0),
		"scope": {},
	}
}

# ---------- approvals
requirements contains r if {
	some name
	some r in data.modelgate.rules[name].approval_requirements
}

approvals := {
	"required": [r | some r in requirements],
	"given": sort([a | some a in lib.valid_approvers]),
	"missing": sort([r.description | some r in requirements; not r.satisfied]),
}

violations := [f | some f in (open | waiver_findings); f.enforcement == "enforce"]

warnings := array.concat(
	[f | some f in (open | waiver_findings); f.enforcement == "warn"],
	[f | some f in unknown_settings],
)

audit := [f | some f in open; f.enforcement == "audit"]

rules := [{"id": id, "severity": m.severity, "default_enforcement": m.enforcement, "enforcement": enforcement(id, m.enforcement), "title": m.title} |
	some id, m in builtin_meta
]

decision := {
	"allowed": count(violations) == 0,
	"violations": violations,
	"warnings": warnings,
	"audit": audit,
	"waived": [f | some f in waived],
	"overrides": [o | some o in overrides],
	"approvals": approvals,
	"rules": rules,
	"custom_rules": sort([id | some id in custom_ids]),
}
