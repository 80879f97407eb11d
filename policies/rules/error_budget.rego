package modelgate.rules.error_budget

import data.modelgate.lib

meta := {
	"id": "error-budget",
	"title": "No promotion while the error budget is exhausted",
	"severity": "high",
	"enforcement": "enforce",
	"remediation": "Wait until the budget recovers; for a fix of the incident itself add the `emergency` label and get an SRE approval.",
}

emergency_label := lib.param(meta.id, "emergency_label", "emergency")

sre_teams := lib.param(meta.id, "sre_teams", [t | some t in lib.teams_ending_with(["sre"])])

sre_members := lib.team_members(sre_teams)

exhausted contains p if {
	some p in input.changes.placements
	p.role != "shadow"
	input.budgets[p.model][p.environment].exhausted == true
}

# A weight increase for a version that was not the stable one at base is a promotion too (a canary
# going from 10% to 50%). Moving traffic back to the base stable version (a rollback) stays allowed.
exhausted contains p if {
	some t in input.changes.traffic
	input.budgets[t.model][t.environment].exhausted == true
	t.before != null
	t.after != null
	some entry in t.after.traffic
	not was_stable(t.before, entry.version)
	not placed(t.environment, t.model, entry.version)
	entry.weight > weight_before(t.before, entry.version)
	p := {"model": t.model, "version": entry.version, "environment": t.environment, "file": t.file, "line": t.line}
}

placed(environment, model, version) if {
	some p in input.changes.placements
	p.environment == environment
	p.model == model
	p.version == version
}

was_stable(side, version) if {
	some e in side.traffic
	e.version == version
	object.get(e, "role", "stable") == "stable"
}

weight_before(side, version) := sum([e.weight | some e in side.traffic; e.version == version])

emergency_approved if {
	lib.label(emergency_label)
	some reviewer in lib.valid_approvers
	reviewer in sre_members
}

approval_requirements contains r if {
	count(exhausted) > 0
	lib.label(emergency_label)
	r := lib.requirement(meta.id, "error-budget:sre", sprintf("an SRE (%s) for an emergency change", [concat(", ", sre_teams)]), 1, sre_members)
}

findings contains f if {
	some p in exhausted
	not emergency_approved
	budget := input.budgets[p.model][p.environment]
	f := {
		"message": sprintf("error budget of %s in %s is exhausted (%v left); %s %s cannot be promoted", [p.model, p.environment, object.get(budget, "remaining", 0), p.model, p.version]),
		"file": p.file, "line": p.line,
		"scope": {"model": p.model, "version": p.version, "environment": p.environment},
	}
}
