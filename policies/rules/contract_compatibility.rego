package modelgate.rules.contract_compatibility

import data.modelgate.lib

meta := {
	"id": "contract-compatibility",
	"title": "Breaking contract changes are major versions approved by the consumers",
	"severity": "critical",
	"enforcement": "enforce",
	"remediation": "Make the change compatible with the contract's mode, or bump the contract's major version and get an approval from an owner of every consumer.",
}

breaking contains c if {
	some c in input.changes.contracts
	c.kind == "changed"
	not c.compatible
}

direct_breaking(c) := [sprintf("%s %s: %s (%s)", [fc.direction, fc.field, fc.change, fc.detail]) |
	some fc in c.field_changes
	not fc.compatible
]

transitive_breaking(c) := [sprintf("%s %s: %s (%s) against %s", [fc.direction, fc.field, fc.change, fc.detail, t.against_version]) |
	some t in object.get(c, "transitive", [])
	some fc in t.breaking
]

breaking_fields(c) := concat("; ", array.concat(direct_breaking(c), transitive_breaking(c)))

findings contains f if {
	some c in breaking
	c.version_bump != "major"
	f := {
		"message": sprintf("contract %s %s -> %s has %v breaking change(s) under %s but is not a major version: %s", [c.name, c.from_version, c.to_version, c.breaking_count, c.mode, breaking_fields(c)]),
		"file": c.file, "line": c.line, "scope": {"contract": c.name},
	}
}

findings contains f if {
	some c in input.changes.contracts
	c.kind == "removed"
	f := {
		"message": sprintf("contract %s is removed; its consumers (%s) lose their contract", [c.name, concat(", ", c.consumer_owners)]),
		"file": c.file, "line": c.line, "scope": {"contract": c.name},
	}
}

approval_requirements contains r if {
	some c in breaking
	count(c.consumer_owners) > 0
	r := lib.requirement(
		meta.id,
		sprintf("contract:%s", [c.name]),
		sprintf("an owner of a consumer of contract %s (%s)", [c.name, concat(", ", c.consumer_owners)]),
		1,
		lib.members(c.consumer_owners),
	)
}

findings contains f if {
	some r in approval_requirements
	not r.satisfied
	some c in breaking
	r.key == sprintf("contract:%s", [c.name])
	f := {
		"message": sprintf("breaking change to contract %s needs approval from %s", [c.name, r.description]),
		"file": c.file, "line": c.line, "scope": {"contract": c.name},
		"remediation": "Ask an owner of each consumer to approve the pull request on its head commit.",
	}
}
