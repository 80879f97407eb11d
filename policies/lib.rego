# Helpers shared by the built-in rules. Pure functions over the policy input; see docs/policies.md.
package modelgate.lib

# A rule parameter from modelgate.yaml (policy.rules.<id>.params.<name>), or the default.
param(id, name, default_value) := value if {
	value := input.settings.rules[id].params[name]
} else := default_value

# Reviewers whose approvals count: validated by the engine (approved, on the head commit, not
# dismissed) and never the PR author.
valid_approvers contains reviewer if {
	some approval in input.approvals
	approval.valid == true
	reviewer := approval.reviewer
	reviewer != input.pr.author
}

# Members of the given owner references ("@org/team", "@user", "team/name" or "user").
members(owner_refs) := {member |
	some ref in owner_refs
	some member in object.get(input.owners, ref, [])
}

# Teams (names from modelgate.yaml `teams`) whose name ends with one of the suffixes.
teams_ending_with(suffixes) := {team |
	some team, _ in input.teams
	some suffix in suffixes
	endswith(team, suffix)
}

team_members(teams) := {member |
	some team in teams
	some member in object.get(input.teams, team, [])
}

# An approval requirement: at least `min` distinct valid approvers from `any_of` (null = anyone).
requirement(rule, key, description, min, any_of) := {
	"rule": rule,
	"key": key,
	"description": description,
	"min": min,
	"any_of": any_of,
	"given": given,
	"satisfied": count(given) >= min,
} if {
	any_of == null
	given := sort([a | some a in valid_approvers])
} else := {
	"rule": rule,
	"key": key,
	"description": description,
	"min": min,
	"any_of": sort([m | some m in any_of]),
	"given": given,
	"satisfied": count(given) >= min,
} if {
	given := sort([a | some a in valid_approvers; a in any_of])
}

# Models the change set touches, with their card at head.
touched_cards[name] := card if {
	some name in input.changes.touched_models
	card := input.state.models[name].card
}

high_risk(name) if touched_cards[name].risk_tier == "high"

label(name) if name in input.pr.labels

# The data of a version at head.
version_data(model, version) := input.state.models[model].versions[version]
