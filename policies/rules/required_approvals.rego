package modelgate.rules.required_approvals

import data.modelgate.lib

meta := {
	"id": "required-approvals",
	"title": "Code owners (and for high-risk models two reviewers incl. the risk team) approved",
	"severity": "high",
	"enforcement": "enforce",
	"remediation": "Request reviews from the missing approvers; approvals count on the head commit and never from the author.",
}

risk_teams := lib.param(meta.id, "risk_teams", [t | some t in lib.teams_ending_with(["risk"])])

min_high_risk := lib.param(meta.id, "min_high_risk", 2)

approval_requirements contains r if {
	some group in input.codeowners
	r := lib.requirement(
		meta.id,
		sprintf("codeowners:%s", [concat(",", group.owners)]),
		sprintf("a code owner of %s (%s)", [concat(", ", group.paths), concat(", ", group.owners)]),
		1,
		group.members,
	)
}

# Where an unmet requirement is annotated: the CODEOWNERS rule, or the high-risk model's card
# (never undefined: a finding must not disappear for want of a location).
location(r) := loc if {
	loc := where(r)
} else := ["", 0]

where(r) := [group.file, group.line] if {
	some group in input.codeowners
	r.key == sprintf("codeowners:%s", [concat(",", group.owners)])
}

where(r) := [sprintf("models/%s/model.yaml", [model]), 1] if {
	some prefix in ["high-risk:", "risk-team:"]
	startswith(r.key, prefix)
	model := substring(r.key, count(prefix), -1)
}

approval_requirements contains r if {
	some model, _ in lib.touched_cards
	lib.high_risk(model)
	r := lib.requirement(meta.id, sprintf("high-risk:%s", [model]), sprintf("%v reviewers for high-risk model %s", [min_high_risk, model]), min_high_risk, null)
}

approval_requirements contains r if {
	some model, _ in lib.touched_cards
	lib.high_risk(model)
	r := lib.requirement(
		meta.id,
		sprintf("risk-team:%s", [model]),
		sprintf("the risk team (%s) for high-risk model %s", [concat(", ", risk_teams), model]),
		1,
		lib.team_members(risk_teams),
	)
}

findings contains f if {
	some r in approval_requirements
	not r.satisfied
	[file, line] := location(r)
	f := {
		"message": sprintf("missing approval: %s (%v of %v given)", [r.description, count(r.given), r.min]),
		"file": file, "line": line,
	}
}
