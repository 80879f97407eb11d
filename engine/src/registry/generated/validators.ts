/* eslint-disable */
// GENERATED from schemas/*.schema.json by engine/test/registry/validators.test.ts — do not edit.
// Regenerate after changing a schema: MODELGATE_UPDATE_VALIDATORS=1 npx vitest run engine/test/registry/validators.test.ts
// (until then the loader notices the hash mismatch and compiles the schemas at start-up instead).
// @ts-nocheck
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
export const schemaHash = "f98048e30088a4c0a40751a6f1c29cf2c21aaa4aa7d3e8d0ad37930ed45c7713";
export const modelgate = validate20;
const schema31 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelgate.dev/schemas/modelgate.schema.json",
  title: "modelgate.yaml — registry configuration",
  description:
    "Configuration of a modelgate registry repo: its environments in promotion order, allowed artifact stores, forge, approvals, teams and policy settings.",
  type: "object",
  additionalProperties: false,
  required: ["name", "environments"],
  properties: {
    name: {
      description: "A name for this registry (lowercase letters, digits and dashes).",
      $ref: "#/$defs/name",
    },
    main_branch: {
      description: "The branch whose head is the desired state (default main).",
      type: "string",
      minLength: 1,
      maxLength: 255,
      pattern: "^[A-Za-z0-9._/-]+$",
    },
    environments: {
      description:
        "Every environment, in promotion order (e.g. staging before production). Each needs a file environments/<name>.yaml.",
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: {
            description: "Environment name; environments/<name>.yaml must exist.",
            $ref: "#/$defs/name",
          },
          promote_from: {
            description: "An earlier environment a version must have served in before it may serve here.",
            $ref: "#/$defs/name",
          },
          protected: {
            description: "When true, changes to this environment need the approvals the policies require.",
            type: "boolean",
          },
        },
      },
    },
    artifacts: {
      description: "Where model artifacts may come from and how big they may be.",
      type: "object",
      additionalProperties: false,
      properties: {
        allowed_stores: {
          description:
            'URI prefixes an artifact URI must start with, e.g. "file:" or "https://models.example.com/" (default: file: only).',
          type: "array",
          items: { type: "string", pattern: "^(file:|https?://)" },
          uniqueItems: true,
        },
        max_size_bytes: {
          description: "Largest artifact accepted, in bytes (default 104857600 = 100 MiB).",
          type: "integer",
          minimum: 1,
        },
      },
    },
    forge: {
      description: "Where pull requests, reviews and issues live.",
      type: "object",
      additionalProperties: false,
      properties: {
        type: {
          description: "local (a plain Git repository, the embedded default) or github.",
          enum: ["local", "github"],
        },
        github: {
          description: "GitHub repository coordinates (used when type is github).",
          type: "object",
          additionalProperties: false,
          properties: {
            owner: {
              description: "Organisation or user that owns the repository.",
              type: "string",
              minLength: 1,
            },
            repo: { description: "Repository name.", type: "string", minLength: 1 },
            api_url: {
              description:
                "GitHub REST API base URL (default https://api.github.com; set it for GitHub Enterprise).",
              type: "string",
              format: "uri",
            },
          },
        },
      },
    },
    approvals: {
      description: "How reviews count as approvals.",
      type: "object",
      additionalProperties: false,
      properties: {
        dismiss_stale: {
          description: "When true (default), a review given on an older head commit does not count.",
          type: "boolean",
        },
      },
    },
    reconcile: {
      description: "How the reconciler (modelgate run) keeps serving in line with Git.",
      type: "object",
      additionalProperties: false,
      properties: {
        self_heal: {
          description:
            "When true (default), live state that drifts from Git (a manual weight override, a cached artifact changed on disk) is put back on the next pass; when false it is only reported.",
          type: "boolean",
        },
        interval: {
          description:
            "How often the daemon polls the main branch, e.g. 5s or 1m (default 5s). A push webhook wakes it at once regardless.",
          type: "string",
          pattern: "^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$",
        },
      },
    },
    teams: {
      description: "Team name (as used in CODEOWNERS without the @, e.g. retail/risk) -> member user names.",
      type: "object",
      propertyNames: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$" },
      additionalProperties: {
        description: "Member user names of this team.",
        type: "array",
        items: { type: "string", pattern: "^@?[A-Za-z0-9][A-Za-z0-9-]*$" },
        uniqueItems: true,
      },
    },
    policy: {
      description: "Settings for the built-in and custom policy rules.",
      type: "object",
      additionalProperties: false,
      properties: {
        rules: {
          description: "Rule id -> enforcement and parameters.",
          type: "object",
          propertyNames: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
          additionalProperties: {
            description: "Enforcement and parameters of one rule.",
            type: "object",
            additionalProperties: false,
            properties: {
              enforcement: {
                description: "enforce (blocks), warn (reported, does not block) or audit (logged only).",
                enum: ["enforce", "warn", "audit"],
              },
              params: {
                description: "Rule-specific parameters, handed to the rule unchanged.",
                type: "object",
              },
            },
          },
        },
        freeze_windows: {
          description: "Periods in which changes to the listed environments are blocked.",
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["start", "end"],
            properties: {
              start: {
                description: "Start of the freeze (RFC 3339 date-time).",
                type: "string",
                format: "date-time",
              },
              end: {
                description: "End of the freeze (RFC 3339 date-time).",
                type: "string",
                format: "date-time",
              },
              environments: {
                description: "Environments frozen (default: all).",
                type: "array",
                items: { $ref: "#/$defs/name" },
              },
              reason: { description: "Why changes are frozen; shown in the decision.", type: "string" },
            },
          },
        },
        memory_mib: {
          description: "Memory limit for policy evaluation, in MiB.",
          type: "integer",
          minimum: 16,
          maximum: 65536,
        },
      },
    },
  },
  $defs: { name: { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" } },
};
const schema32 = { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" };
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const pattern4 = new RegExp("^[a-z][a-z0-9-]{0,62}$", "u");
const pattern5 = new RegExp("^[A-Za-z0-9._/-]+$", "u");
const pattern8 = new RegExp("^(file:|https?://)", "u");
const pattern9 = new RegExp("^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$", "u");
const pattern10 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$", "u");
const pattern11 = new RegExp("^@?[A-Za-z0-9][A-Za-z0-9-]*$", "u");
const formats0 = require("ajv-formats/dist/formats").fullFormats.uri;
const formats2 = require("ajv-formats/dist/formats").fullFormats["date-time"];
function validate20(
  data,
  { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://modelgate.dev/schemas/modelgate.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "name" },
        message: "must have required property '" + "name" + "'",
        schema: schema31.required,
        parentSchema: schema31,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.environments === undefined) {
      const err1 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "environments" },
        message: "must have required property '" + "environments" + "'",
        schema: schema31.required,
        parentSchema: schema31,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func1.call(schema31.properties, key0)) {
        const err2 = {
          instancePath,
          schemaPath: "#/additionalProperties",
          keyword: "additionalProperties",
          params: { additionalProperty: key0 },
          message: "must NOT have additional properties",
          schema: false,
          parentSchema: schema31,
          data,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === "string") {
        if (!pattern4.test(data0)) {
          const err3 = {
            instancePath: instancePath + "/name",
            schemaPath: "#/$defs/name/pattern",
            keyword: "pattern",
            params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
            message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
            schema: "^[a-z][a-z0-9-]{0,62}$",
            parentSchema: schema32,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + "/name",
          schemaPath: "#/$defs/name/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema32.type,
          parentSchema: schema32,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.main_branch !== undefined) {
      let data1 = data.main_branch;
      if (typeof data1 === "string") {
        if (func2(data1) > 255) {
          const err5 = {
            instancePath: instancePath + "/main_branch",
            schemaPath: "#/properties/main_branch/maxLength",
            keyword: "maxLength",
            params: { limit: 255 },
            message: "must NOT have more than 255 characters",
            schema: 255,
            parentSchema: schema31.properties.main_branch,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        if (func2(data1) < 1) {
          const err6 = {
            instancePath: instancePath + "/main_branch",
            schemaPath: "#/properties/main_branch/minLength",
            keyword: "minLength",
            params: { limit: 1 },
            message: "must NOT have fewer than 1 characters",
            schema: 1,
            parentSchema: schema31.properties.main_branch,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
        if (!pattern5.test(data1)) {
          const err7 = {
            instancePath: instancePath + "/main_branch",
            schemaPath: "#/properties/main_branch/pattern",
            keyword: "pattern",
            params: { pattern: "^[A-Za-z0-9._/-]+$" },
            message: 'must match pattern "' + "^[A-Za-z0-9._/-]+$" + '"',
            schema: "^[A-Za-z0-9._/-]+$",
            parentSchema: schema31.properties.main_branch,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + "/main_branch",
          schemaPath: "#/properties/main_branch/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema31.properties.main_branch.type,
          parentSchema: schema31.properties.main_branch,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.environments !== undefined) {
      let data2 = data.environments;
      if (Array.isArray(data2)) {
        if (data2.length < 1) {
          const err9 = {
            instancePath: instancePath + "/environments",
            schemaPath: "#/properties/environments/minItems",
            keyword: "minItems",
            params: { limit: 1 },
            message: "must NOT have fewer than 1 items",
            schema: 1,
            parentSchema: schema31.properties.environments,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
        const len0 = data2.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data3 = data2[i0];
          if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
            if (data3.name === undefined) {
              const err10 = {
                instancePath: instancePath + "/environments/" + i0,
                schemaPath: "#/properties/environments/items/required",
                keyword: "required",
                params: { missingProperty: "name" },
                message: "must have required property '" + "name" + "'",
                schema: schema31.properties.environments.items.required,
                parentSchema: schema31.properties.environments.items,
                data: data3,
              };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
            for (const key1 in data3) {
              if (!(key1 === "name" || key1 === "promote_from" || key1 === "protected")) {
                const err11 = {
                  instancePath: instancePath + "/environments/" + i0,
                  schemaPath: "#/properties/environments/items/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key1 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema31.properties.environments.items,
                  data: data3,
                };
                if (vErrors === null) {
                  vErrors = [err11];
                } else {
                  vErrors.push(err11);
                }
                errors++;
              }
            }
            if (data3.name !== undefined) {
              let data4 = data3.name;
              if (typeof data4 === "string") {
                if (!pattern4.test(data4)) {
                  const err12 = {
                    instancePath: instancePath + "/environments/" + i0 + "/name",
                    schemaPath: "#/$defs/name/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
                    message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
                    schema: "^[a-z][a-z0-9-]{0,62}$",
                    parentSchema: schema32,
                    data: data4,
                  };
                  if (vErrors === null) {
                    vErrors = [err12];
                  } else {
                    vErrors.push(err12);
                  }
                  errors++;
                }
              } else {
                const err13 = {
                  instancePath: instancePath + "/environments/" + i0 + "/name",
                  schemaPath: "#/$defs/name/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema32.type,
                  parentSchema: schema32,
                  data: data4,
                };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
              }
            }
            if (data3.promote_from !== undefined) {
              let data5 = data3.promote_from;
              if (typeof data5 === "string") {
                if (!pattern4.test(data5)) {
                  const err14 = {
                    instancePath: instancePath + "/environments/" + i0 + "/promote_from",
                    schemaPath: "#/$defs/name/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
                    message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
                    schema: "^[a-z][a-z0-9-]{0,62}$",
                    parentSchema: schema32,
                    data: data5,
                  };
                  if (vErrors === null) {
                    vErrors = [err14];
                  } else {
                    vErrors.push(err14);
                  }
                  errors++;
                }
              } else {
                const err15 = {
                  instancePath: instancePath + "/environments/" + i0 + "/promote_from",
                  schemaPath: "#/$defs/name/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema32.type,
                  parentSchema: schema32,
                  data: data5,
                };
                if (vErrors === null) {
                  vErrors = [err15];
                } else {
                  vErrors.push(err15);
                }
                errors++;
              }
            }
            if (data3.protected !== undefined) {
              let data6 = data3.protected;
              if (typeof data6 !== "boolean") {
                const err16 = {
                  instancePath: instancePath + "/environments/" + i0 + "/protected",
                  schemaPath: "#/properties/environments/items/properties/protected/type",
                  keyword: "type",
                  params: { type: "boolean" },
                  message: "must be boolean",
                  schema: schema31.properties.environments.items.properties.protected.type,
                  parentSchema: schema31.properties.environments.items.properties.protected,
                  data: data6,
                };
                if (vErrors === null) {
                  vErrors = [err16];
                } else {
                  vErrors.push(err16);
                }
                errors++;
              }
            }
          } else {
            const err17 = {
              instancePath: instancePath + "/environments/" + i0,
              schemaPath: "#/properties/environments/items/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema31.properties.environments.items.type,
              parentSchema: schema31.properties.environments.items,
              data: data3,
            };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
        }
      } else {
        const err18 = {
          instancePath: instancePath + "/environments",
          schemaPath: "#/properties/environments/type",
          keyword: "type",
          params: { type: "array" },
          message: "must be array",
          schema: schema31.properties.environments.type,
          parentSchema: schema31.properties.environments,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.artifacts !== undefined) {
      let data7 = data.artifacts;
      if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
        for (const key2 in data7) {
          if (!(key2 === "allowed_stores" || key2 === "max_size_bytes")) {
            const err19 = {
              instancePath: instancePath + "/artifacts",
              schemaPath: "#/properties/artifacts/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key2 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema31.properties.artifacts,
              data: data7,
            };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
        }
        if (data7.allowed_stores !== undefined) {
          let data8 = data7.allowed_stores;
          if (Array.isArray(data8)) {
            const len1 = data8.length;
            for (let i1 = 0; i1 < len1; i1++) {
              let data9 = data8[i1];
              if (typeof data9 === "string") {
                if (!pattern8.test(data9)) {
                  const err20 = {
                    instancePath: instancePath + "/artifacts/allowed_stores/" + i1,
                    schemaPath: "#/properties/artifacts/properties/allowed_stores/items/pattern",
                    keyword: "pattern",
                    params: { pattern: "^(file:|https?://)" },
                    message: 'must match pattern "' + "^(file:|https?://)" + '"',
                    schema: "^(file:|https?://)",
                    parentSchema: schema31.properties.artifacts.properties.allowed_stores.items,
                    data: data9,
                  };
                  if (vErrors === null) {
                    vErrors = [err20];
                  } else {
                    vErrors.push(err20);
                  }
                  errors++;
                }
              } else {
                const err21 = {
                  instancePath: instancePath + "/artifacts/allowed_stores/" + i1,
                  schemaPath: "#/properties/artifacts/properties/allowed_stores/items/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema31.properties.artifacts.properties.allowed_stores.items.type,
                  parentSchema: schema31.properties.artifacts.properties.allowed_stores.items,
                  data: data9,
                };
                if (vErrors === null) {
                  vErrors = [err21];
                } else {
                  vErrors.push(err21);
                }
                errors++;
              }
            }
            let i2 = data8.length;
            let j0;
            if (i2 > 1) {
              const indices0 = {};
              for (; i2--;) {
                let item0 = data8[i2];
                if (typeof item0 !== "string") {
                  continue;
                }
                if (typeof indices0[item0] == "number") {
                  j0 = indices0[item0];
                  const err22 = {
                    instancePath: instancePath + "/artifacts/allowed_stores",
                    schemaPath: "#/properties/artifacts/properties/allowed_stores/uniqueItems",
                    keyword: "uniqueItems",
                    params: { i: i2, j: j0 },
                    message:
                      "must NOT have duplicate items (items ## " + j0 + " and " + i2 + " are identical)",
                    schema: true,
                    parentSchema: schema31.properties.artifacts.properties.allowed_stores,
                    data: data8,
                  };
                  if (vErrors === null) {
                    vErrors = [err22];
                  } else {
                    vErrors.push(err22);
                  }
                  errors++;
                  break;
                }
                indices0[item0] = i2;
              }
            }
          } else {
            const err23 = {
              instancePath: instancePath + "/artifacts/allowed_stores",
              schemaPath: "#/properties/artifacts/properties/allowed_stores/type",
              keyword: "type",
              params: { type: "array" },
              message: "must be array",
              schema: schema31.properties.artifacts.properties.allowed_stores.type,
              parentSchema: schema31.properties.artifacts.properties.allowed_stores,
              data: data8,
            };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
        }
        if (data7.max_size_bytes !== undefined) {
          let data10 = data7.max_size_bytes;
          if (!(typeof data10 == "number" && !(data10 % 1) && !isNaN(data10) && isFinite(data10))) {
            const err24 = {
              instancePath: instancePath + "/artifacts/max_size_bytes",
              schemaPath: "#/properties/artifacts/properties/max_size_bytes/type",
              keyword: "type",
              params: { type: "integer" },
              message: "must be integer",
              schema: schema31.properties.artifacts.properties.max_size_bytes.type,
              parentSchema: schema31.properties.artifacts.properties.max_size_bytes,
              data: data10,
            };
            if (vErrors === null) {
              vErrors = [err24];
            } else {
              vErrors.push(err24);
            }
            errors++;
          }
          if (typeof data10 == "number" && isFinite(data10)) {
            if (data10 < 1 || isNaN(data10)) {
              const err25 = {
                instancePath: instancePath + "/artifacts/max_size_bytes",
                schemaPath: "#/properties/artifacts/properties/max_size_bytes/minimum",
                keyword: "minimum",
                params: { comparison: ">=", limit: 1 },
                message: "must be >= 1",
                schema: 1,
                parentSchema: schema31.properties.artifacts.properties.max_size_bytes,
                data: data10,
              };
              if (vErrors === null) {
                vErrors = [err25];
              } else {
                vErrors.push(err25);
              }
              errors++;
            }
          }
        }
      } else {
        const err26 = {
          instancePath: instancePath + "/artifacts",
          schemaPath: "#/properties/artifacts/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema31.properties.artifacts.type,
          parentSchema: schema31.properties.artifacts,
          data: data7,
        };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      }
    }
    if (data.forge !== undefined) {
      let data11 = data.forge;
      if (data11 && typeof data11 == "object" && !Array.isArray(data11)) {
        for (const key3 in data11) {
          if (!(key3 === "type" || key3 === "github")) {
            const err27 = {
              instancePath: instancePath + "/forge",
              schemaPath: "#/properties/forge/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key3 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema31.properties.forge,
              data: data11,
            };
            if (vErrors === null) {
              vErrors = [err27];
            } else {
              vErrors.push(err27);
            }
            errors++;
          }
        }
        if (data11.type !== undefined) {
          let data12 = data11.type;
          if (!(data12 === "local" || data12 === "github")) {
            const err28 = {
              instancePath: instancePath + "/forge/type",
              schemaPath: "#/properties/forge/properties/type/enum",
              keyword: "enum",
              params: { allowedValues: schema31.properties.forge.properties.type.enum },
              message: "must be equal to one of the allowed values",
              schema: schema31.properties.forge.properties.type.enum,
              parentSchema: schema31.properties.forge.properties.type,
              data: data12,
            };
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
        }
        if (data11.github !== undefined) {
          let data13 = data11.github;
          if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
            for (const key4 in data13) {
              if (!(key4 === "owner" || key4 === "repo" || key4 === "api_url")) {
                const err29 = {
                  instancePath: instancePath + "/forge/github",
                  schemaPath: "#/properties/forge/properties/github/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key4 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema31.properties.forge.properties.github,
                  data: data13,
                };
                if (vErrors === null) {
                  vErrors = [err29];
                } else {
                  vErrors.push(err29);
                }
                errors++;
              }
            }
            if (data13.owner !== undefined) {
              let data14 = data13.owner;
              if (typeof data14 === "string") {
                if (func2(data14) < 1) {
                  const err30 = {
                    instancePath: instancePath + "/forge/github/owner",
                    schemaPath: "#/properties/forge/properties/github/properties/owner/minLength",
                    keyword: "minLength",
                    params: { limit: 1 },
                    message: "must NOT have fewer than 1 characters",
                    schema: 1,
                    parentSchema: schema31.properties.forge.properties.github.properties.owner,
                    data: data14,
                  };
                  if (vErrors === null) {
                    vErrors = [err30];
                  } else {
                    vErrors.push(err30);
                  }
                  errors++;
                }
              } else {
                const err31 = {
                  instancePath: instancePath + "/forge/github/owner",
                  schemaPath: "#/properties/forge/properties/github/properties/owner/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema31.properties.forge.properties.github.properties.owner.type,
                  parentSchema: schema31.properties.forge.properties.github.properties.owner,
                  data: data14,
                };
                if (vErrors === null) {
                  vErrors = [err31];
                } else {
                  vErrors.push(err31);
                }
                errors++;
              }
            }
            if (data13.repo !== undefined) {
              let data15 = data13.repo;
              if (typeof data15 === "string") {
                if (func2(data15) < 1) {
                  const err32 = {
                    instancePath: instancePath + "/forge/github/repo",
                    schemaPath: "#/properties/forge/properties/github/properties/repo/minLength",
                    keyword: "minLength",
                    params: { limit: 1 },
                    message: "must NOT have fewer than 1 characters",
                    schema: 1,
                    parentSchema: schema31.properties.forge.properties.github.properties.repo,
                    data: data15,
                  };
                  if (vErrors === null) {
                    vErrors = [err32];
                  } else {
                    vErrors.push(err32);
                  }
                  errors++;
                }
              } else {
                const err33 = {
                  instancePath: instancePath + "/forge/github/repo",
                  schemaPath: "#/properties/forge/properties/github/properties/repo/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema31.properties.forge.properties.github.properties.repo.type,
                  parentSchema: schema31.properties.forge.properties.github.properties.repo,
                  data: data15,
                };
                if (vErrors === null) {
                  vErrors = [err33];
                } else {
                  vErrors.push(err33);
                }
                errors++;
              }
            }
            if (data13.api_url !== undefined) {
              let data16 = data13.api_url;
              if (typeof data16 === "string") {
                if (!formats0(data16)) {
                  const err34 = {
                    instancePath: instancePath + "/forge/github/api_url",
                    schemaPath: "#/properties/forge/properties/github/properties/api_url/format",
                    keyword: "format",
                    params: { format: "uri" },
                    message: 'must match format "' + "uri" + '"',
                    schema: "uri",
                    parentSchema: schema31.properties.forge.properties.github.properties.api_url,
                    data: data16,
                  };
                  if (vErrors === null) {
                    vErrors = [err34];
                  } else {
                    vErrors.push(err34);
                  }
                  errors++;
                }
              } else {
                const err35 = {
                  instancePath: instancePath + "/forge/github/api_url",
                  schemaPath: "#/properties/forge/properties/github/properties/api_url/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema31.properties.forge.properties.github.properties.api_url.type,
                  parentSchema: schema31.properties.forge.properties.github.properties.api_url,
                  data: data16,
                };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
            }
          } else {
            const err36 = {
              instancePath: instancePath + "/forge/github",
              schemaPath: "#/properties/forge/properties/github/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema31.properties.forge.properties.github.type,
              parentSchema: schema31.properties.forge.properties.github,
              data: data13,
            };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
            }
            errors++;
          }
        }
      } else {
        const err37 = {
          instancePath: instancePath + "/forge",
          schemaPath: "#/properties/forge/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema31.properties.forge.type,
          parentSchema: schema31.properties.forge,
          data: data11,
        };
        if (vErrors === null) {
          vErrors = [err37];
        } else {
          vErrors.push(err37);
        }
        errors++;
      }
    }
    if (data.approvals !== undefined) {
      let data17 = data.approvals;
      if (data17 && typeof data17 == "object" && !Array.isArray(data17)) {
        for (const key5 in data17) {
          if (!(key5 === "dismiss_stale")) {
            const err38 = {
              instancePath: instancePath + "/approvals",
              schemaPath: "#/properties/approvals/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key5 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema31.properties.approvals,
              data: data17,
            };
            if (vErrors === null) {
              vErrors = [err38];
            } else {
              vErrors.push(err38);
            }
            errors++;
          }
        }
        if (data17.dismiss_stale !== undefined) {
          let data18 = data17.dismiss_stale;
          if (typeof data18 !== "boolean") {
            const err39 = {
              instancePath: instancePath + "/approvals/dismiss_stale",
              schemaPath: "#/properties/approvals/properties/dismiss_stale/type",
              keyword: "type",
              params: { type: "boolean" },
              message: "must be boolean",
              schema: schema31.properties.approvals.properties.dismiss_stale.type,
              parentSchema: schema31.properties.approvals.properties.dismiss_stale,
              data: data18,
            };
            if (vErrors === null) {
              vErrors = [err39];
            } else {
              vErrors.push(err39);
            }
            errors++;
          }
        }
      } else {
        const err40 = {
          instancePath: instancePath + "/approvals",
          schemaPath: "#/properties/approvals/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema31.properties.approvals.type,
          parentSchema: schema31.properties.approvals,
          data: data17,
        };
        if (vErrors === null) {
          vErrors = [err40];
        } else {
          vErrors.push(err40);
        }
        errors++;
      }
    }
    if (data.reconcile !== undefined) {
      let data19 = data.reconcile;
      if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
        for (const key6 in data19) {
          if (!(key6 === "self_heal" || key6 === "interval")) {
            const err41 = {
              instancePath: instancePath + "/reconcile",
              schemaPath: "#/properties/reconcile/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key6 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema31.properties.reconcile,
              data: data19,
            };
            if (vErrors === null) {
              vErrors = [err41];
            } else {
              vErrors.push(err41);
            }
            errors++;
          }
        }
        if (data19.self_heal !== undefined) {
          let data20 = data19.self_heal;
          if (typeof data20 !== "boolean") {
            const err42 = {
              instancePath: instancePath + "/reconcile/self_heal",
              schemaPath: "#/properties/reconcile/properties/self_heal/type",
              keyword: "type",
              params: { type: "boolean" },
              message: "must be boolean",
              schema: schema31.properties.reconcile.properties.self_heal.type,
              parentSchema: schema31.properties.reconcile.properties.self_heal,
              data: data20,
            };
            if (vErrors === null) {
              vErrors = [err42];
            } else {
              vErrors.push(err42);
            }
            errors++;
          }
        }
        if (data19.interval !== undefined) {
          let data21 = data19.interval;
          if (typeof data21 === "string") {
            if (!pattern9.test(data21)) {
              const err43 = {
                instancePath: instancePath + "/reconcile/interval",
                schemaPath: "#/properties/reconcile/properties/interval/pattern",
                keyword: "pattern",
                params: { pattern: "^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$" },
                message: 'must match pattern "' + "^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$" + '"',
                schema: "^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$",
                parentSchema: schema31.properties.reconcile.properties.interval,
                data: data21,
              };
              if (vErrors === null) {
                vErrors = [err43];
              } else {
                vErrors.push(err43);
              }
              errors++;
            }
          } else {
            const err44 = {
              instancePath: instancePath + "/reconcile/interval",
              schemaPath: "#/properties/reconcile/properties/interval/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema31.properties.reconcile.properties.interval.type,
              parentSchema: schema31.properties.reconcile.properties.interval,
              data: data21,
            };
            if (vErrors === null) {
              vErrors = [err44];
            } else {
              vErrors.push(err44);
            }
            errors++;
          }
        }
      } else {
        const err45 = {
          instancePath: instancePath + "/reconcile",
          schemaPath: "#/properties/reconcile/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema31.properties.reconcile.type,
          parentSchema: schema31.properties.reconcile,
          data: data19,
        };
        if (vErrors === null) {
          vErrors = [err45];
        } else {
          vErrors.push(err45);
        }
        errors++;
      }
    }
    if (data.teams !== undefined) {
      let data22 = data.teams;
      if (data22 && typeof data22 == "object" && !Array.isArray(data22)) {
        for (const key7 in data22) {
          const _errs56 = errors;
          if (typeof key7 === "string") {
            if (!pattern10.test(key7)) {
              const err46 = {
                instancePath: instancePath + "/teams",
                schemaPath: "#/properties/teams/propertyNames/pattern",
                keyword: "pattern",
                params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$" },
                message:
                  'must match pattern "' + "^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$" + '"',
                schema: "^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$",
                parentSchema: schema31.properties.teams.propertyNames,
                data: key7,
                propertyName: key7,
              };
              if (vErrors === null) {
                vErrors = [err46];
              } else {
                vErrors.push(err46);
              }
              errors++;
            }
          }
          var valid15 = _errs56 === errors;
          if (!valid15) {
            const err47 = {
              instancePath: instancePath + "/teams",
              schemaPath: "#/properties/teams/propertyNames",
              keyword: "propertyNames",
              params: { propertyName: key7 },
              message: "property name must be valid",
              schema: schema31.properties.teams.propertyNames,
              parentSchema: schema31.properties.teams,
              data: data22,
            };
            if (vErrors === null) {
              vErrors = [err47];
            } else {
              vErrors.push(err47);
            }
            errors++;
          }
        }
        for (const key8 in data22) {
          let data23 = data22[key8];
          if (Array.isArray(data23)) {
            const len2 = data23.length;
            for (let i3 = 0; i3 < len2; i3++) {
              let data24 = data23[i3];
              if (typeof data24 === "string") {
                if (!pattern11.test(data24)) {
                  const err48 = {
                    instancePath:
                      instancePath + "/teams/" + key8.replace(/~/g, "~0").replace(/\//g, "~1") + "/" + i3,
                    schemaPath: "#/properties/teams/additionalProperties/items/pattern",
                    keyword: "pattern",
                    params: { pattern: "^@?[A-Za-z0-9][A-Za-z0-9-]*$" },
                    message: 'must match pattern "' + "^@?[A-Za-z0-9][A-Za-z0-9-]*$" + '"',
                    schema: "^@?[A-Za-z0-9][A-Za-z0-9-]*$",
                    parentSchema: schema31.properties.teams.additionalProperties.items,
                    data: data24,
                  };
                  if (vErrors === null) {
                    vErrors = [err48];
                  } else {
                    vErrors.push(err48);
                  }
                  errors++;
                }
              } else {
                const err49 = {
                  instancePath:
                    instancePath + "/teams/" + key8.replace(/~/g, "~0").replace(/\//g, "~1") + "/" + i3,
                  schemaPath: "#/properties/teams/additionalProperties/items/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema31.properties.teams.additionalProperties.items.type,
                  parentSchema: schema31.properties.teams.additionalProperties.items,
                  data: data24,
                };
                if (vErrors === null) {
                  vErrors = [err49];
                } else {
                  vErrors.push(err49);
                }
                errors++;
              }
            }
            let i4 = data23.length;
            let j1;
            if (i4 > 1) {
              const indices1 = {};
              for (; i4--;) {
                let item1 = data23[i4];
                if (typeof item1 !== "string") {
                  continue;
                }
                if (typeof indices1[item1] == "number") {
                  j1 = indices1[item1];
                  const err50 = {
                    instancePath: instancePath + "/teams/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),
                    schemaPath: "#/properties/teams/additionalProperties/uniqueItems",
                    keyword: "uniqueItems",
                    params: { i: i4, j: j1 },
                    message:
                      "must NOT have duplicate items (items ## " + j1 + " and " + i4 + " are identical)",
                    schema: true,
                    parentSchema: schema31.properties.teams.additionalProperties,
                    data: data23,
                  };
                  if (vErrors === null) {
                    vErrors = [err50];
                  } else {
                    vErrors.push(err50);
                  }
                  errors++;
                  break;
                }
                indices1[item1] = i4;
              }
            }
          } else {
            const err51 = {
              instancePath: instancePath + "/teams/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),
              schemaPath: "#/properties/teams/additionalProperties/type",
              keyword: "type",
              params: { type: "array" },
              message: "must be array",
              schema: schema31.properties.teams.additionalProperties.type,
              parentSchema: schema31.properties.teams.additionalProperties,
              data: data23,
            };
            if (vErrors === null) {
              vErrors = [err51];
            } else {
              vErrors.push(err51);
            }
            errors++;
          }
        }
      } else {
        const err52 = {
          instancePath: instancePath + "/teams",
          schemaPath: "#/properties/teams/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema31.properties.teams.type,
          parentSchema: schema31.properties.teams,
          data: data22,
        };
        if (vErrors === null) {
          vErrors = [err52];
        } else {
          vErrors.push(err52);
        }
        errors++;
      }
    }
    if (data.policy !== undefined) {
      let data25 = data.policy;
      if (data25 && typeof data25 == "object" && !Array.isArray(data25)) {
        for (const key9 in data25) {
          if (!(key9 === "rules" || key9 === "freeze_windows" || key9 === "memory_mib")) {
            const err53 = {
              instancePath: instancePath + "/policy",
              schemaPath: "#/properties/policy/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key9 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema31.properties.policy,
              data: data25,
            };
            if (vErrors === null) {
              vErrors = [err53];
            } else {
              vErrors.push(err53);
            }
            errors++;
          }
        }
        if (data25.rules !== undefined) {
          let data26 = data25.rules;
          if (data26 && typeof data26 == "object" && !Array.isArray(data26)) {
            for (const key10 in data26) {
              const _errs67 = errors;
              if (typeof key10 === "string") {
                if (!pattern4.test(key10)) {
                  const err54 = {
                    instancePath: instancePath + "/policy/rules",
                    schemaPath: "#/properties/policy/properties/rules/propertyNames/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
                    message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
                    schema: "^[a-z][a-z0-9-]{0,62}$",
                    parentSchema: schema31.properties.policy.properties.rules.propertyNames,
                    data: key10,
                    propertyName: key10,
                  };
                  if (vErrors === null) {
                    vErrors = [err54];
                  } else {
                    vErrors.push(err54);
                  }
                  errors++;
                }
              }
              var valid21 = _errs67 === errors;
              if (!valid21) {
                const err55 = {
                  instancePath: instancePath + "/policy/rules",
                  schemaPath: "#/properties/policy/properties/rules/propertyNames",
                  keyword: "propertyNames",
                  params: { propertyName: key10 },
                  message: "property name must be valid",
                  schema: schema31.properties.policy.properties.rules.propertyNames,
                  parentSchema: schema31.properties.policy.properties.rules,
                  data: data26,
                };
                if (vErrors === null) {
                  vErrors = [err55];
                } else {
                  vErrors.push(err55);
                }
                errors++;
              }
            }
            for (const key11 in data26) {
              let data27 = data26[key11];
              if (data27 && typeof data27 == "object" && !Array.isArray(data27)) {
                for (const key12 in data27) {
                  if (!(key12 === "enforcement" || key12 === "params")) {
                    const err56 = {
                      instancePath:
                        instancePath + "/policy/rules/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath:
                        "#/properties/policy/properties/rules/additionalProperties/additionalProperties",
                      keyword: "additionalProperties",
                      params: { additionalProperty: key12 },
                      message: "must NOT have additional properties",
                      schema: false,
                      parentSchema: schema31.properties.policy.properties.rules.additionalProperties,
                      data: data27,
                    };
                    if (vErrors === null) {
                      vErrors = [err56];
                    } else {
                      vErrors.push(err56);
                    }
                    errors++;
                  }
                }
                if (data27.enforcement !== undefined) {
                  let data28 = data27.enforcement;
                  if (!(data28 === "enforce" || data28 === "warn" || data28 === "audit")) {
                    const err57 = {
                      instancePath:
                        instancePath +
                        "/policy/rules/" +
                        key11.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/enforcement",
                      schemaPath:
                        "#/properties/policy/properties/rules/additionalProperties/properties/enforcement/enum",
                      keyword: "enum",
                      params: {
                        allowedValues:
                          schema31.properties.policy.properties.rules.additionalProperties.properties
                            .enforcement.enum,
                      },
                      message: "must be equal to one of the allowed values",
                      schema:
                        schema31.properties.policy.properties.rules.additionalProperties.properties
                          .enforcement.enum,
                      parentSchema:
                        schema31.properties.policy.properties.rules.additionalProperties.properties
                          .enforcement,
                      data: data28,
                    };
                    if (vErrors === null) {
                      vErrors = [err57];
                    } else {
                      vErrors.push(err57);
                    }
                    errors++;
                  }
                }
                if (data27.params !== undefined) {
                  let data29 = data27.params;
                  if (!(data29 && typeof data29 == "object" && !Array.isArray(data29))) {
                    const err58 = {
                      instancePath:
                        instancePath +
                        "/policy/rules/" +
                        key11.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/params",
                      schemaPath:
                        "#/properties/policy/properties/rules/additionalProperties/properties/params/type",
                      keyword: "type",
                      params: { type: "object" },
                      message: "must be object",
                      schema:
                        schema31.properties.policy.properties.rules.additionalProperties.properties.params
                          .type,
                      parentSchema:
                        schema31.properties.policy.properties.rules.additionalProperties.properties.params,
                      data: data29,
                    };
                    if (vErrors === null) {
                      vErrors = [err58];
                    } else {
                      vErrors.push(err58);
                    }
                    errors++;
                  }
                }
              } else {
                const err59 = {
                  instancePath:
                    instancePath + "/policy/rules/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),
                  schemaPath: "#/properties/policy/properties/rules/additionalProperties/type",
                  keyword: "type",
                  params: { type: "object" },
                  message: "must be object",
                  schema: schema31.properties.policy.properties.rules.additionalProperties.type,
                  parentSchema: schema31.properties.policy.properties.rules.additionalProperties,
                  data: data27,
                };
                if (vErrors === null) {
                  vErrors = [err59];
                } else {
                  vErrors.push(err59);
                }
                errors++;
              }
            }
          } else {
            const err60 = {
              instancePath: instancePath + "/policy/rules",
              schemaPath: "#/properties/policy/properties/rules/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema31.properties.policy.properties.rules.type,
              parentSchema: schema31.properties.policy.properties.rules,
              data: data26,
            };
            if (vErrors === null) {
              vErrors = [err60];
            } else {
              vErrors.push(err60);
            }
            errors++;
          }
        }
        if (data25.freeze_windows !== undefined) {
          let data30 = data25.freeze_windows;
          if (Array.isArray(data30)) {
            const len3 = data30.length;
            for (let i5 = 0; i5 < len3; i5++) {
              let data31 = data30[i5];
              if (data31 && typeof data31 == "object" && !Array.isArray(data31)) {
                if (data31.start === undefined) {
                  const err61 = {
                    instancePath: instancePath + "/policy/freeze_windows/" + i5,
                    schemaPath: "#/properties/policy/properties/freeze_windows/items/required",
                    keyword: "required",
                    params: { missingProperty: "start" },
                    message: "must have required property '" + "start" + "'",
                    schema: schema31.properties.policy.properties.freeze_windows.items.required,
                    parentSchema: schema31.properties.policy.properties.freeze_windows.items,
                    data: data31,
                  };
                  if (vErrors === null) {
                    vErrors = [err61];
                  } else {
                    vErrors.push(err61);
                  }
                  errors++;
                }
                if (data31.end === undefined) {
                  const err62 = {
                    instancePath: instancePath + "/policy/freeze_windows/" + i5,
                    schemaPath: "#/properties/policy/properties/freeze_windows/items/required",
                    keyword: "required",
                    params: { missingProperty: "end" },
                    message: "must have required property '" + "end" + "'",
                    schema: schema31.properties.policy.properties.freeze_windows.items.required,
                    parentSchema: schema31.properties.policy.properties.freeze_windows.items,
                    data: data31,
                  };
                  if (vErrors === null) {
                    vErrors = [err62];
                  } else {
                    vErrors.push(err62);
                  }
                  errors++;
                }
                for (const key13 in data31) {
                  if (!(
                    key13 === "start" ||
                    key13 === "end" ||
                    key13 === "environments" ||
                    key13 === "reason"
                  )) {
                    const err63 = {
                      instancePath: instancePath + "/policy/freeze_windows/" + i5,
                      schemaPath: "#/properties/policy/properties/freeze_windows/items/additionalProperties",
                      keyword: "additionalProperties",
                      params: { additionalProperty: key13 },
                      message: "must NOT have additional properties",
                      schema: false,
                      parentSchema: schema31.properties.policy.properties.freeze_windows.items,
                      data: data31,
                    };
                    if (vErrors === null) {
                      vErrors = [err63];
                    } else {
                      vErrors.push(err63);
                    }
                    errors++;
                  }
                }
                if (data31.start !== undefined) {
                  let data32 = data31.start;
                  if (typeof data32 === "string") {
                    if (!formats2.validate(data32)) {
                      const err64 = {
                        instancePath: instancePath + "/policy/freeze_windows/" + i5 + "/start",
                        schemaPath:
                          "#/properties/policy/properties/freeze_windows/items/properties/start/format",
                        keyword: "format",
                        params: { format: "date-time" },
                        message: 'must match format "' + "date-time" + '"',
                        schema: "date-time",
                        parentSchema:
                          schema31.properties.policy.properties.freeze_windows.items.properties.start,
                        data: data32,
                      };
                      if (vErrors === null) {
                        vErrors = [err64];
                      } else {
                        vErrors.push(err64);
                      }
                      errors++;
                    }
                  } else {
                    const err65 = {
                      instancePath: instancePath + "/policy/freeze_windows/" + i5 + "/start",
                      schemaPath: "#/properties/policy/properties/freeze_windows/items/properties/start/type",
                      keyword: "type",
                      params: { type: "string" },
                      message: "must be string",
                      schema:
                        schema31.properties.policy.properties.freeze_windows.items.properties.start.type,
                      parentSchema:
                        schema31.properties.policy.properties.freeze_windows.items.properties.start,
                      data: data32,
                    };
                    if (vErrors === null) {
                      vErrors = [err65];
                    } else {
                      vErrors.push(err65);
                    }
                    errors++;
                  }
                }
                if (data31.end !== undefined) {
                  let data33 = data31.end;
                  if (typeof data33 === "string") {
                    if (!formats2.validate(data33)) {
                      const err66 = {
                        instancePath: instancePath + "/policy/freeze_windows/" + i5 + "/end",
                        schemaPath:
                          "#/properties/policy/properties/freeze_windows/items/properties/end/format",
                        keyword: "format",
                        params: { format: "date-time" },
                        message: 'must match format "' + "date-time" + '"',
                        schema: "date-time",
                        parentSchema:
                          schema31.properties.policy.properties.freeze_windows.items.properties.end,
                        data: data33,
                      };
                      if (vErrors === null) {
                        vErrors = [err66];
                      } else {
                        vErrors.push(err66);
                      }
                      errors++;
                    }
                  } else {
                    const err67 = {
                      instancePath: instancePath + "/policy/freeze_windows/" + i5 + "/end",
                      schemaPath: "#/properties/policy/properties/freeze_windows/items/properties/end/type",
                      keyword: "type",
                      params: { type: "string" },
                      message: "must be string",
                      schema: schema31.properties.policy.properties.freeze_windows.items.properties.end.type,
                      parentSchema: schema31.properties.policy.properties.freeze_windows.items.properties.end,
                      data: data33,
                    };
                    if (vErrors === null) {
                      vErrors = [err67];
                    } else {
                      vErrors.push(err67);
                    }
                    errors++;
                  }
                }
                if (data31.environments !== undefined) {
                  let data34 = data31.environments;
                  if (Array.isArray(data34)) {
                    const len4 = data34.length;
                    for (let i6 = 0; i6 < len4; i6++) {
                      let data35 = data34[i6];
                      if (typeof data35 === "string") {
                        if (!pattern4.test(data35)) {
                          const err68 = {
                            instancePath:
                              instancePath + "/policy/freeze_windows/" + i5 + "/environments/" + i6,
                            schemaPath: "#/$defs/name/pattern",
                            keyword: "pattern",
                            params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
                            message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
                            schema: "^[a-z][a-z0-9-]{0,62}$",
                            parentSchema: schema32,
                            data: data35,
                          };
                          if (vErrors === null) {
                            vErrors = [err68];
                          } else {
                            vErrors.push(err68);
                          }
                          errors++;
                        }
                      } else {
                        const err69 = {
                          instancePath: instancePath + "/policy/freeze_windows/" + i5 + "/environments/" + i6,
                          schemaPath: "#/$defs/name/type",
                          keyword: "type",
                          params: { type: "string" },
                          message: "must be string",
                          schema: schema32.type,
                          parentSchema: schema32,
                          data: data35,
                        };
                        if (vErrors === null) {
                          vErrors = [err69];
                        } else {
                          vErrors.push(err69);
                        }
                        errors++;
                      }
                    }
                  } else {
                    const err70 = {
                      instancePath: instancePath + "/policy/freeze_windows/" + i5 + "/environments",
                      schemaPath:
                        "#/properties/policy/properties/freeze_windows/items/properties/environments/type",
                      keyword: "type",
                      params: { type: "array" },
                      message: "must be array",
                      schema:
                        schema31.properties.policy.properties.freeze_windows.items.properties.environments
                          .type,
                      parentSchema:
                        schema31.properties.policy.properties.freeze_windows.items.properties.environments,
                      data: data34,
                    };
                    if (vErrors === null) {
                      vErrors = [err70];
                    } else {
                      vErrors.push(err70);
                    }
                    errors++;
                  }
                }
                if (data31.reason !== undefined) {
                  let data36 = data31.reason;
                  if (typeof data36 !== "string") {
                    const err71 = {
                      instancePath: instancePath + "/policy/freeze_windows/" + i5 + "/reason",
                      schemaPath:
                        "#/properties/policy/properties/freeze_windows/items/properties/reason/type",
                      keyword: "type",
                      params: { type: "string" },
                      message: "must be string",
                      schema:
                        schema31.properties.policy.properties.freeze_windows.items.properties.reason.type,
                      parentSchema:
                        schema31.properties.policy.properties.freeze_windows.items.properties.reason,
                      data: data36,
                    };
                    if (vErrors === null) {
                      vErrors = [err71];
                    } else {
                      vErrors.push(err71);
                    }
                    errors++;
                  }
                }
              } else {
                const err72 = {
                  instancePath: instancePath + "/policy/freeze_windows/" + i5,
                  schemaPath: "#/properties/policy/properties/freeze_windows/items/type",
                  keyword: "type",
                  params: { type: "object" },
                  message: "must be object",
                  schema: schema31.properties.policy.properties.freeze_windows.items.type,
                  parentSchema: schema31.properties.policy.properties.freeze_windows.items,
                  data: data31,
                };
                if (vErrors === null) {
                  vErrors = [err72];
                } else {
                  vErrors.push(err72);
                }
                errors++;
              }
            }
          } else {
            const err73 = {
              instancePath: instancePath + "/policy/freeze_windows",
              schemaPath: "#/properties/policy/properties/freeze_windows/type",
              keyword: "type",
              params: { type: "array" },
              message: "must be array",
              schema: schema31.properties.policy.properties.freeze_windows.type,
              parentSchema: schema31.properties.policy.properties.freeze_windows,
              data: data30,
            };
            if (vErrors === null) {
              vErrors = [err73];
            } else {
              vErrors.push(err73);
            }
            errors++;
          }
        }
        if (data25.memory_mib !== undefined) {
          let data37 = data25.memory_mib;
          if (!(typeof data37 == "number" && !(data37 % 1) && !isNaN(data37) && isFinite(data37))) {
            const err74 = {
              instancePath: instancePath + "/policy/memory_mib",
              schemaPath: "#/properties/policy/properties/memory_mib/type",
              keyword: "type",
              params: { type: "integer" },
              message: "must be integer",
              schema: schema31.properties.policy.properties.memory_mib.type,
              parentSchema: schema31.properties.policy.properties.memory_mib,
              data: data37,
            };
            if (vErrors === null) {
              vErrors = [err74];
            } else {
              vErrors.push(err74);
            }
            errors++;
          }
          if (typeof data37 == "number" && isFinite(data37)) {
            if (data37 > 65536 || isNaN(data37)) {
              const err75 = {
                instancePath: instancePath + "/policy/memory_mib",
                schemaPath: "#/properties/policy/properties/memory_mib/maximum",
                keyword: "maximum",
                params: { comparison: "<=", limit: 65536 },
                message: "must be <= 65536",
                schema: 65536,
                parentSchema: schema31.properties.policy.properties.memory_mib,
                data: data37,
              };
              if (vErrors === null) {
                vErrors = [err75];
              } else {
                vErrors.push(err75);
              }
              errors++;
            }
            if (data37 < 16 || isNaN(data37)) {
              const err76 = {
                instancePath: instancePath + "/policy/memory_mib",
                schemaPath: "#/properties/policy/properties/memory_mib/minimum",
                keyword: "minimum",
                params: { comparison: ">=", limit: 16 },
                message: "must be >= 16",
                schema: 16,
                parentSchema: schema31.properties.policy.properties.memory_mib,
                data: data37,
              };
              if (vErrors === null) {
                vErrors = [err76];
              } else {
                vErrors.push(err76);
              }
              errors++;
            }
          }
        }
      } else {
        const err77 = {
          instancePath: instancePath + "/policy",
          schemaPath: "#/properties/policy/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema31.properties.policy.type,
          parentSchema: schema31.properties.policy,
          data: data25,
        };
        if (vErrors === null) {
          vErrors = [err77];
        } else {
          vErrors.push(err77);
        }
        errors++;
      }
    }
  } else {
    const err78 = {
      instancePath,
      schemaPath: "#/type",
      keyword: "type",
      params: { type: "object" },
      message: "must be object",
      schema: schema31.type,
      parentSchema: schema31,
      data,
    };
    if (vErrors === null) {
      vErrors = [err78];
    } else {
      vErrors.push(err78);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
export const model = validate21;
const schema36 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelgate.dev/schemas/model.schema.json",
  title: "models/<model>/model.yaml — model card",
  description:
    "A model card: what the model is for, who owns it, its risk tier, and the contract and SLO it promises.",
  type: "object",
  additionalProperties: false,
  required: ["name", "owner", "task", "risk_tier", "contract"],
  properties: {
    name: { description: "Model name; must equal the folder name models/<name>/.", $ref: "#/$defs/name" },
    description: { description: "What the model predicts, in one or two sentences.", type: "string" },
    owner: {
      description:
        'Owning team (CODEOWNERS form, e.g. "@retail/supply-chain") or user ("@carol" or an e-mail).',
      $ref: "#/$defs/owner",
    },
    task: {
      description: "Kind of prediction.",
      enum: [
        "regression",
        "binary-classification",
        "multiclass-classification",
        "anomaly-detection",
        "ranking",
        "other",
      ],
    },
    risk_tier: {
      description: "Risk tier; policies ask for more approvals for higher tiers.",
      enum: ["low", "medium", "high"],
    },
    contract: { description: "Data contract of the model: contracts/<name>.yaml.", $ref: "#/$defs/name" },
    slo: { description: "Service level objectives of the model: slos/<name>.yaml.", $ref: "#/$defs/name" },
    intended_use: { description: "What the model may be used for (and by whom).", type: "string" },
    limitations: { description: "Known limitations and where the model is not valid.", type: "string" },
    human_oversight: { description: "How people oversee the model's decisions.", type: "string" },
    tags: {
      description: "Free-form tags for search and policy scoping.",
      type: "array",
      items: { type: "string", pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" },
      uniqueItems: true,
    },
  },
  $defs: {
    name: { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" },
    owner: {
      type: "string",
      pattern: "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
    },
  },
};
const schema37 = { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" };
const schema38 = {
  type: "string",
  pattern: "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
};
const pattern15 = new RegExp(
  "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
  "u",
);
const pattern18 = new RegExp("^[a-z0-9][a-z0-9._-]{0,62}$", "u");
function validate21(
  data,
  { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://modelgate.dev/schemas/model.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate21.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "name" },
        message: "must have required property '" + "name" + "'",
        schema: schema36.required,
        parentSchema: schema36,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.owner === undefined) {
      const err1 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "owner" },
        message: "must have required property '" + "owner" + "'",
        schema: schema36.required,
        parentSchema: schema36,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.task === undefined) {
      const err2 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "task" },
        message: "must have required property '" + "task" + "'",
        schema: schema36.required,
        parentSchema: schema36,
        data,
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.risk_tier === undefined) {
      const err3 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "risk_tier" },
        message: "must have required property '" + "risk_tier" + "'",
        schema: schema36.required,
        parentSchema: schema36,
        data,
      };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    if (data.contract === undefined) {
      const err4 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "contract" },
        message: "must have required property '" + "contract" + "'",
        schema: schema36.required,
        parentSchema: schema36,
        data,
      };
      if (vErrors === null) {
        vErrors = [err4];
      } else {
        vErrors.push(err4);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func1.call(schema36.properties, key0)) {
        const err5 = {
          instancePath,
          schemaPath: "#/additionalProperties",
          keyword: "additionalProperties",
          params: { additionalProperty: key0 },
          message: "must NOT have additional properties",
          schema: false,
          parentSchema: schema36,
          data,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === "string") {
        if (!pattern4.test(data0)) {
          const err6 = {
            instancePath: instancePath + "/name",
            schemaPath: "#/$defs/name/pattern",
            keyword: "pattern",
            params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
            message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
            schema: "^[a-z][a-z0-9-]{0,62}$",
            parentSchema: schema37,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = {
          instancePath: instancePath + "/name",
          schemaPath: "#/$defs/name/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema37.type,
          parentSchema: schema37,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.description !== undefined) {
      let data1 = data.description;
      if (typeof data1 !== "string") {
        const err8 = {
          instancePath: instancePath + "/description",
          schemaPath: "#/properties/description/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema36.properties.description.type,
          parentSchema: schema36.properties.description,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.owner !== undefined) {
      let data2 = data.owner;
      if (typeof data2 === "string") {
        if (!pattern15.test(data2)) {
          const err9 = {
            instancePath: instancePath + "/owner",
            schemaPath: "#/$defs/owner/pattern",
            keyword: "pattern",
            params: {
              pattern:
                "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
            },
            message:
              'must match pattern "' +
              "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$" +
              '"',
            schema:
              "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
            parentSchema: schema38,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = {
          instancePath: instancePath + "/owner",
          schemaPath: "#/$defs/owner/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema38.type,
          parentSchema: schema38,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.task !== undefined) {
      let data3 = data.task;
      if (!(
        data3 === "regression" ||
        data3 === "binary-classification" ||
        data3 === "multiclass-classification" ||
        data3 === "anomaly-detection" ||
        data3 === "ranking" ||
        data3 === "other"
      )) {
        const err11 = {
          instancePath: instancePath + "/task",
          schemaPath: "#/properties/task/enum",
          keyword: "enum",
          params: { allowedValues: schema36.properties.task.enum },
          message: "must be equal to one of the allowed values",
          schema: schema36.properties.task.enum,
          parentSchema: schema36.properties.task,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.risk_tier !== undefined) {
      let data4 = data.risk_tier;
      if (!(data4 === "low" || data4 === "medium" || data4 === "high")) {
        const err12 = {
          instancePath: instancePath + "/risk_tier",
          schemaPath: "#/properties/risk_tier/enum",
          keyword: "enum",
          params: { allowedValues: schema36.properties.risk_tier.enum },
          message: "must be equal to one of the allowed values",
          schema: schema36.properties.risk_tier.enum,
          parentSchema: schema36.properties.risk_tier,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.contract !== undefined) {
      let data5 = data.contract;
      if (typeof data5 === "string") {
        if (!pattern4.test(data5)) {
          const err13 = {
            instancePath: instancePath + "/contract",
            schemaPath: "#/$defs/name/pattern",
            keyword: "pattern",
            params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
            message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
            schema: "^[a-z][a-z0-9-]{0,62}$",
            parentSchema: schema37,
            data: data5,
          };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
      } else {
        const err14 = {
          instancePath: instancePath + "/contract",
          schemaPath: "#/$defs/name/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema37.type,
          parentSchema: schema37,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.slo !== undefined) {
      let data6 = data.slo;
      if (typeof data6 === "string") {
        if (!pattern4.test(data6)) {
          const err15 = {
            instancePath: instancePath + "/slo",
            schemaPath: "#/$defs/name/pattern",
            keyword: "pattern",
            params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
            message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
            schema: "^[a-z][a-z0-9-]{0,62}$",
            parentSchema: schema37,
            data: data6,
          };
          if (vErrors === null) {
            vErrors = [err15];
          } else {
            vErrors.push(err15);
          }
          errors++;
        }
      } else {
        const err16 = {
          instancePath: instancePath + "/slo",
          schemaPath: "#/$defs/name/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema37.type,
          parentSchema: schema37,
          data: data6,
        };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
    }
    if (data.intended_use !== undefined) {
      let data7 = data.intended_use;
      if (typeof data7 !== "string") {
        const err17 = {
          instancePath: instancePath + "/intended_use",
          schemaPath: "#/properties/intended_use/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema36.properties.intended_use.type,
          parentSchema: schema36.properties.intended_use,
          data: data7,
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    if (data.limitations !== undefined) {
      let data8 = data.limitations;
      if (typeof data8 !== "string") {
        const err18 = {
          instancePath: instancePath + "/limitations",
          schemaPath: "#/properties/limitations/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema36.properties.limitations.type,
          parentSchema: schema36.properties.limitations,
          data: data8,
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.human_oversight !== undefined) {
      let data9 = data.human_oversight;
      if (typeof data9 !== "string") {
        const err19 = {
          instancePath: instancePath + "/human_oversight",
          schemaPath: "#/properties/human_oversight/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema36.properties.human_oversight.type,
          parentSchema: schema36.properties.human_oversight,
          data: data9,
        };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
    }
    if (data.tags !== undefined) {
      let data10 = data.tags;
      if (Array.isArray(data10)) {
        const len0 = data10.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data11 = data10[i0];
          if (typeof data11 === "string") {
            if (!pattern18.test(data11)) {
              const err20 = {
                instancePath: instancePath + "/tags/" + i0,
                schemaPath: "#/properties/tags/items/pattern",
                keyword: "pattern",
                params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" },
                message: 'must match pattern "' + "^[a-z0-9][a-z0-9._-]{0,62}$" + '"',
                schema: "^[a-z0-9][a-z0-9._-]{0,62}$",
                parentSchema: schema36.properties.tags.items,
                data: data11,
              };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
          } else {
            const err21 = {
              instancePath: instancePath + "/tags/" + i0,
              schemaPath: "#/properties/tags/items/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema36.properties.tags.items.type,
              parentSchema: schema36.properties.tags.items,
              data: data11,
            };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
        }
        let i1 = data10.length;
        let j0;
        if (i1 > 1) {
          const indices0 = {};
          for (; i1--;) {
            let item0 = data10[i1];
            if (typeof item0 !== "string") {
              continue;
            }
            if (typeof indices0[item0] == "number") {
              j0 = indices0[item0];
              const err22 = {
                instancePath: instancePath + "/tags",
                schemaPath: "#/properties/tags/uniqueItems",
                keyword: "uniqueItems",
                params: { i: i1, j: j0 },
                message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)",
                schema: true,
                parentSchema: schema36.properties.tags,
                data: data10,
              };
              if (vErrors === null) {
                vErrors = [err22];
              } else {
                vErrors.push(err22);
              }
              errors++;
              break;
            }
            indices0[item0] = i1;
          }
        }
      } else {
        const err23 = {
          instancePath: instancePath + "/tags",
          schemaPath: "#/properties/tags/type",
          keyword: "type",
          params: { type: "array" },
          message: "must be array",
          schema: schema36.properties.tags.type,
          parentSchema: schema36.properties.tags,
          data: data10,
        };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
    }
  } else {
    const err24 = {
      instancePath,
      schemaPath: "#/type",
      keyword: "type",
      params: { type: "object" },
      message: "must be object",
      schema: schema36.type,
      parentSchema: schema36,
      data,
    };
    if (vErrors === null) {
      vErrors = [err24];
    } else {
      vErrors.push(err24);
    }
    errors++;
  }
  validate21.errors = vErrors;
  return errors === 0;
}
validate21.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
export const modelVersion = validate22;
const schema41 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelgate.dev/schemas/model-version.schema.json",
  title: "models/<model>/versions/<semver>.yaml — model version",
  description:
    "One immutable version of a model: its ONNX artifact (URI, sha256, size), evaluation metrics and lineage.",
  type: "object",
  additionalProperties: false,
  required: ["version", "artifact"],
  properties: {
    version: {
      description: "Semantic version; must equal the file name (versions/<version>.yaml).",
      $ref: "#/$defs/semver",
    },
    parent: {
      description: "The version this one was derived from (retrained or fine-tuned from).",
      $ref: "#/$defs/semver",
    },
    artifact: {
      description: "The model file. Its sha256 is its identity.",
      type: "object",
      additionalProperties: false,
      required: ["uri", "sha256", "size", "format"],
      properties: {
        uri: {
          description:
            "Where the artifact is: file:<path> relative to the repo root, or an http(s) URL. Must start with one of artifacts.allowed_stores.",
          type: "string",
          pattern: "^(file:|https?://)\\S+$",
        },
        sha256: {
          description: "SHA-256 of the artifact: 64 lowercase hex characters.",
          $ref: "#/$defs/sha256",
        },
        size: { description: "Size of the artifact in bytes.", type: "integer", minimum: 1 },
        format: { description: "Artifact format; only onnx is served.", enum: ["onnx"] },
        opset: {
          description: "ONNX opset version the model was exported with.",
          type: "integer",
          minimum: 1,
          maximum: 100,
        },
      },
    },
    metrics: {
      description: "Evaluation metrics on the holdout set: metric name -> number.",
      type: "object",
      propertyNames: { $ref: "#/$defs/metricName" },
      additionalProperties: { description: "Value of this metric.", type: "number" },
    },
    slice_metrics: {
      description:
        "Metrics per slice, for fairness checks: attribute -> slice value -> metric name -> number.",
      type: "object",
      propertyNames: { $ref: "#/$defs/metricName" },
      additionalProperties: {
        description: "Slice value -> metrics of that slice.",
        type: "object",
        additionalProperties: {
          description: "Metric name -> value, on this slice.",
          type: "object",
          propertyNames: { $ref: "#/$defs/metricName" },
          additionalProperties: { description: "Value of this metric on this slice.", type: "number" },
        },
      },
    },
    lineage: {
      description: "Where the version came from: data, code, hyperparameters and training time.",
      type: "object",
      additionalProperties: false,
      properties: {
        dataset: {
          description: "The training dataset.",
          type: "object",
          additionalProperties: false,
          required: ["id"],
          properties: {
            id: { description: "Dataset identifier.", type: "string", minLength: 1 },
            sha256: {
              description: "SHA-256 of the dataset snapshot: 64 lowercase hex characters.",
              $ref: "#/$defs/sha256",
            },
          },
        },
        code_commit: {
          description: "Commit of the training code: 7 to 40 lowercase hex characters.",
          type: "string",
          pattern: "^[0-9a-f]{7,40}$",
        },
        hyperparameters: { description: "Training hyperparameters, name -> value.", type: "object" },
        trained_at: {
          description: "When training finished (RFC 3339 date-time).",
          type: "string",
          format: "date-time",
        },
      },
    },
  },
  $defs: {
    semver: {
      type: "string",
      pattern:
        "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
    },
    sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
    metricName: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" },
  },
};
const schema42 = {
  type: "string",
  pattern:
    "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
};
const schema44 = { type: "string", pattern: "^[0-9a-f]{64}$" };
const schema45 = { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" };
const pattern19 = new RegExp(
  "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
  "u",
);
const pattern21 = new RegExp("^(file:|https?://)\\S+$", "u");
const pattern22 = new RegExp("^[0-9a-f]{64}$", "u");
const pattern23 = new RegExp("^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$", "u");
const pattern27 = new RegExp("^[0-9a-f]{7,40}$", "u");
function validate22(
  data,
  { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://modelgate.dev/schemas/model-version.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate22.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.version === undefined) {
      const err0 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "version" },
        message: "must have required property '" + "version" + "'",
        schema: schema41.required,
        parentSchema: schema41,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.artifact === undefined) {
      const err1 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "artifact" },
        message: "must have required property '" + "artifact" + "'",
        schema: schema41.required,
        parentSchema: schema41,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === "version" ||
        key0 === "parent" ||
        key0 === "artifact" ||
        key0 === "metrics" ||
        key0 === "slice_metrics" ||
        key0 === "lineage"
      )) {
        const err2 = {
          instancePath,
          schemaPath: "#/additionalProperties",
          keyword: "additionalProperties",
          params: { additionalProperty: key0 },
          message: "must NOT have additional properties",
          schema: false,
          parentSchema: schema41,
          data,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.version !== undefined) {
      let data0 = data.version;
      if (typeof data0 === "string") {
        if (!pattern19.test(data0)) {
          const err3 = {
            instancePath: instancePath + "/version",
            schemaPath: "#/$defs/semver/pattern",
            keyword: "pattern",
            params: {
              pattern:
                "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
            },
            message:
              'must match pattern "' +
              "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$" +
              '"',
            schema:
              "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
            parentSchema: schema42,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + "/version",
          schemaPath: "#/$defs/semver/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema42.type,
          parentSchema: schema42,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.parent !== undefined) {
      let data1 = data.parent;
      if (typeof data1 === "string") {
        if (!pattern19.test(data1)) {
          const err5 = {
            instancePath: instancePath + "/parent",
            schemaPath: "#/$defs/semver/pattern",
            keyword: "pattern",
            params: {
              pattern:
                "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
            },
            message:
              'must match pattern "' +
              "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$" +
              '"',
            schema:
              "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
            parentSchema: schema42,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + "/parent",
          schemaPath: "#/$defs/semver/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema42.type,
          parentSchema: schema42,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.artifact !== undefined) {
      let data2 = data.artifact;
      if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
        if (data2.uri === undefined) {
          const err7 = {
            instancePath: instancePath + "/artifact",
            schemaPath: "#/properties/artifact/required",
            keyword: "required",
            params: { missingProperty: "uri" },
            message: "must have required property '" + "uri" + "'",
            schema: schema41.properties.artifact.required,
            parentSchema: schema41.properties.artifact,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
        if (data2.sha256 === undefined) {
          const err8 = {
            instancePath: instancePath + "/artifact",
            schemaPath: "#/properties/artifact/required",
            keyword: "required",
            params: { missingProperty: "sha256" },
            message: "must have required property '" + "sha256" + "'",
            schema: schema41.properties.artifact.required,
            parentSchema: schema41.properties.artifact,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        if (data2.size === undefined) {
          const err9 = {
            instancePath: instancePath + "/artifact",
            schemaPath: "#/properties/artifact/required",
            keyword: "required",
            params: { missingProperty: "size" },
            message: "must have required property '" + "size" + "'",
            schema: schema41.properties.artifact.required,
            parentSchema: schema41.properties.artifact,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
        if (data2.format === undefined) {
          const err10 = {
            instancePath: instancePath + "/artifact",
            schemaPath: "#/properties/artifact/required",
            keyword: "required",
            params: { missingProperty: "format" },
            message: "must have required property '" + "format" + "'",
            schema: schema41.properties.artifact.required,
            parentSchema: schema41.properties.artifact,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
        for (const key1 in data2) {
          if (!(
            key1 === "uri" ||
            key1 === "sha256" ||
            key1 === "size" ||
            key1 === "format" ||
            key1 === "opset"
          )) {
            const err11 = {
              instancePath: instancePath + "/artifact",
              schemaPath: "#/properties/artifact/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key1 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema41.properties.artifact,
              data: data2,
            };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
        if (data2.uri !== undefined) {
          let data3 = data2.uri;
          if (typeof data3 === "string") {
            if (!pattern21.test(data3)) {
              const err12 = {
                instancePath: instancePath + "/artifact/uri",
                schemaPath: "#/properties/artifact/properties/uri/pattern",
                keyword: "pattern",
                params: { pattern: "^(file:|https?://)\\S+$" },
                message: 'must match pattern "' + "^(file:|https?://)\\S+$" + '"',
                schema: "^(file:|https?://)\\S+$",
                parentSchema: schema41.properties.artifact.properties.uri,
                data: data3,
              };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
          } else {
            const err13 = {
              instancePath: instancePath + "/artifact/uri",
              schemaPath: "#/properties/artifact/properties/uri/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema41.properties.artifact.properties.uri.type,
              parentSchema: schema41.properties.artifact.properties.uri,
              data: data3,
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
        if (data2.sha256 !== undefined) {
          let data4 = data2.sha256;
          if (typeof data4 === "string") {
            if (!pattern22.test(data4)) {
              const err14 = {
                instancePath: instancePath + "/artifact/sha256",
                schemaPath: "#/$defs/sha256/pattern",
                keyword: "pattern",
                params: { pattern: "^[0-9a-f]{64}$" },
                message: 'must match pattern "' + "^[0-9a-f]{64}$" + '"',
                schema: "^[0-9a-f]{64}$",
                parentSchema: schema44,
                data: data4,
              };
              if (vErrors === null) {
                vErrors = [err14];
              } else {
                vErrors.push(err14);
              }
              errors++;
            }
          } else {
            const err15 = {
              instancePath: instancePath + "/artifact/sha256",
              schemaPath: "#/$defs/sha256/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema44.type,
              parentSchema: schema44,
              data: data4,
            };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
        }
        if (data2.size !== undefined) {
          let data5 = data2.size;
          if (!(typeof data5 == "number" && !(data5 % 1) && !isNaN(data5) && isFinite(data5))) {
            const err16 = {
              instancePath: instancePath + "/artifact/size",
              schemaPath: "#/properties/artifact/properties/size/type",
              keyword: "type",
              params: { type: "integer" },
              message: "must be integer",
              schema: schema41.properties.artifact.properties.size.type,
              parentSchema: schema41.properties.artifact.properties.size,
              data: data5,
            };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
          if (typeof data5 == "number" && isFinite(data5)) {
            if (data5 < 1 || isNaN(data5)) {
              const err17 = {
                instancePath: instancePath + "/artifact/size",
                schemaPath: "#/properties/artifact/properties/size/minimum",
                keyword: "minimum",
                params: { comparison: ">=", limit: 1 },
                message: "must be >= 1",
                schema: 1,
                parentSchema: schema41.properties.artifact.properties.size,
                data: data5,
              };
              if (vErrors === null) {
                vErrors = [err17];
              } else {
                vErrors.push(err17);
              }
              errors++;
            }
          }
        }
        if (data2.format !== undefined) {
          let data6 = data2.format;
          if (!(data6 === "onnx")) {
            const err18 = {
              instancePath: instancePath + "/artifact/format",
              schemaPath: "#/properties/artifact/properties/format/enum",
              keyword: "enum",
              params: { allowedValues: schema41.properties.artifact.properties.format.enum },
              message: "must be equal to one of the allowed values",
              schema: schema41.properties.artifact.properties.format.enum,
              parentSchema: schema41.properties.artifact.properties.format,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          }
        }
        if (data2.opset !== undefined) {
          let data7 = data2.opset;
          if (!(typeof data7 == "number" && !(data7 % 1) && !isNaN(data7) && isFinite(data7))) {
            const err19 = {
              instancePath: instancePath + "/artifact/opset",
              schemaPath: "#/properties/artifact/properties/opset/type",
              keyword: "type",
              params: { type: "integer" },
              message: "must be integer",
              schema: schema41.properties.artifact.properties.opset.type,
              parentSchema: schema41.properties.artifact.properties.opset,
              data: data7,
            };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
          if (typeof data7 == "number" && isFinite(data7)) {
            if (data7 > 100 || isNaN(data7)) {
              const err20 = {
                instancePath: instancePath + "/artifact/opset",
                schemaPath: "#/properties/artifact/properties/opset/maximum",
                keyword: "maximum",
                params: { comparison: "<=", limit: 100 },
                message: "must be <= 100",
                schema: 100,
                parentSchema: schema41.properties.artifact.properties.opset,
                data: data7,
              };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
            if (data7 < 1 || isNaN(data7)) {
              const err21 = {
                instancePath: instancePath + "/artifact/opset",
                schemaPath: "#/properties/artifact/properties/opset/minimum",
                keyword: "minimum",
                params: { comparison: ">=", limit: 1 },
                message: "must be >= 1",
                schema: 1,
                parentSchema: schema41.properties.artifact.properties.opset,
                data: data7,
              };
              if (vErrors === null) {
                vErrors = [err21];
              } else {
                vErrors.push(err21);
              }
              errors++;
            }
          }
        }
      } else {
        const err22 = {
          instancePath: instancePath + "/artifact",
          schemaPath: "#/properties/artifact/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema41.properties.artifact.type,
          parentSchema: schema41.properties.artifact,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
    }
    if (data.metrics !== undefined) {
      let data8 = data.metrics;
      if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
        for (const key2 in data8) {
          const _errs23 = errors;
          if (typeof key2 === "string") {
            if (!pattern23.test(key2)) {
              const err23 = {
                instancePath: instancePath + "/metrics",
                schemaPath: "#/$defs/metricName/pattern",
                keyword: "pattern",
                params: { pattern: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" },
                message: 'must match pattern "' + "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" + '"',
                schema: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$",
                parentSchema: schema45,
                data: key2,
                propertyName: key2,
              };
              if (vErrors === null) {
                vErrors = [err23];
              } else {
                vErrors.push(err23);
              }
              errors++;
            }
          } else {
            const err24 = {
              instancePath: instancePath + "/metrics",
              schemaPath: "#/$defs/metricName/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema45.type,
              parentSchema: schema45,
              data: key2,
              propertyName: key2,
            };
            if (vErrors === null) {
              vErrors = [err24];
            } else {
              vErrors.push(err24);
            }
            errors++;
          }
          var valid5 = _errs23 === errors;
          if (!valid5) {
            const err25 = {
              instancePath: instancePath + "/metrics",
              schemaPath: "#/properties/metrics/propertyNames",
              keyword: "propertyNames",
              params: { propertyName: key2 },
              message: "property name must be valid",
              schema: schema41.properties.metrics.propertyNames,
              parentSchema: schema41.properties.metrics,
              data: data8,
            };
            if (vErrors === null) {
              vErrors = [err25];
            } else {
              vErrors.push(err25);
            }
            errors++;
          }
        }
        for (const key3 in data8) {
          let data9 = data8[key3];
          if (!(typeof data9 == "number" && isFinite(data9))) {
            const err26 = {
              instancePath: instancePath + "/metrics/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),
              schemaPath: "#/properties/metrics/additionalProperties/type",
              keyword: "type",
              params: { type: "number" },
              message: "must be number",
              schema: schema41.properties.metrics.additionalProperties.type,
              parentSchema: schema41.properties.metrics.additionalProperties,
              data: data9,
            };
            if (vErrors === null) {
              vErrors = [err26];
            } else {
              vErrors.push(err26);
            }
            errors++;
          }
        }
      } else {
        const err27 = {
          instancePath: instancePath + "/metrics",
          schemaPath: "#/properties/metrics/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema41.properties.metrics.type,
          parentSchema: schema41.properties.metrics,
          data: data8,
        };
        if (vErrors === null) {
          vErrors = [err27];
        } else {
          vErrors.push(err27);
        }
        errors++;
      }
    }
    if (data.slice_metrics !== undefined) {
      let data10 = data.slice_metrics;
      if (data10 && typeof data10 == "object" && !Array.isArray(data10)) {
        for (const key4 in data10) {
          const _errs31 = errors;
          if (typeof key4 === "string") {
            if (!pattern23.test(key4)) {
              const err28 = {
                instancePath: instancePath + "/slice_metrics",
                schemaPath: "#/$defs/metricName/pattern",
                keyword: "pattern",
                params: { pattern: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" },
                message: 'must match pattern "' + "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" + '"',
                schema: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$",
                parentSchema: schema45,
                data: key4,
                propertyName: key4,
              };
              if (vErrors === null) {
                vErrors = [err28];
              } else {
                vErrors.push(err28);
              }
              errors++;
            }
          } else {
            const err29 = {
              instancePath: instancePath + "/slice_metrics",
              schemaPath: "#/$defs/metricName/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema45.type,
              parentSchema: schema45,
              data: key4,
              propertyName: key4,
            };
            if (vErrors === null) {
              vErrors = [err29];
            } else {
              vErrors.push(err29);
            }
            errors++;
          }
          var valid8 = _errs31 === errors;
          if (!valid8) {
            const err30 = {
              instancePath: instancePath + "/slice_metrics",
              schemaPath: "#/properties/slice_metrics/propertyNames",
              keyword: "propertyNames",
              params: { propertyName: key4 },
              message: "property name must be valid",
              schema: schema41.properties.slice_metrics.propertyNames,
              parentSchema: schema41.properties.slice_metrics,
              data: data10,
            };
            if (vErrors === null) {
              vErrors = [err30];
            } else {
              vErrors.push(err30);
            }
            errors++;
          }
        }
        for (const key5 in data10) {
          let data11 = data10[key5];
          if (data11 && typeof data11 == "object" && !Array.isArray(data11)) {
            for (const key6 in data11) {
              let data12 = data11[key6];
              if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                for (const key7 in data12) {
                  const _errs40 = errors;
                  if (typeof key7 === "string") {
                    if (!pattern23.test(key7)) {
                      const err31 = {
                        instancePath:
                          instancePath +
                          "/slice_metrics/" +
                          key5.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/" +
                          key6.replace(/~/g, "~0").replace(/\//g, "~1"),
                        schemaPath: "#/$defs/metricName/pattern",
                        keyword: "pattern",
                        params: { pattern: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" },
                        message: 'must match pattern "' + "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" + '"',
                        schema: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$",
                        parentSchema: schema45,
                        data: key7,
                        propertyName: key7,
                      };
                      if (vErrors === null) {
                        vErrors = [err31];
                      } else {
                        vErrors.push(err31);
                      }
                      errors++;
                    }
                  } else {
                    const err32 = {
                      instancePath:
                        instancePath +
                        "/slice_metrics/" +
                        key5.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/" +
                        key6.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath: "#/$defs/metricName/type",
                      keyword: "type",
                      params: { type: "string" },
                      message: "must be string",
                      schema: schema45.type,
                      parentSchema: schema45,
                      data: key7,
                      propertyName: key7,
                    };
                    if (vErrors === null) {
                      vErrors = [err32];
                    } else {
                      vErrors.push(err32);
                    }
                    errors++;
                  }
                  var valid12 = _errs40 === errors;
                  if (!valid12) {
                    const err33 = {
                      instancePath:
                        instancePath +
                        "/slice_metrics/" +
                        key5.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/" +
                        key6.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath:
                        "#/properties/slice_metrics/additionalProperties/additionalProperties/propertyNames",
                      keyword: "propertyNames",
                      params: { propertyName: key7 },
                      message: "property name must be valid",
                      schema:
                        schema41.properties.slice_metrics.additionalProperties.additionalProperties
                          .propertyNames,
                      parentSchema:
                        schema41.properties.slice_metrics.additionalProperties.additionalProperties,
                      data: data12,
                    };
                    if (vErrors === null) {
                      vErrors = [err33];
                    } else {
                      vErrors.push(err33);
                    }
                    errors++;
                  }
                }
                for (const key8 in data12) {
                  let data13 = data12[key8];
                  if (!(typeof data13 == "number" && isFinite(data13))) {
                    const err34 = {
                      instancePath:
                        instancePath +
                        "/slice_metrics/" +
                        key5.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/" +
                        key6.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/" +
                        key8.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath:
                        "#/properties/slice_metrics/additionalProperties/additionalProperties/additionalProperties/type",
                      keyword: "type",
                      params: { type: "number" },
                      message: "must be number",
                      schema:
                        schema41.properties.slice_metrics.additionalProperties.additionalProperties
                          .additionalProperties.type,
                      parentSchema:
                        schema41.properties.slice_metrics.additionalProperties.additionalProperties
                          .additionalProperties,
                      data: data13,
                    };
                    if (vErrors === null) {
                      vErrors = [err34];
                    } else {
                      vErrors.push(err34);
                    }
                    errors++;
                  }
                }
              } else {
                const err35 = {
                  instancePath:
                    instancePath +
                    "/slice_metrics/" +
                    key5.replace(/~/g, "~0").replace(/\//g, "~1") +
                    "/" +
                    key6.replace(/~/g, "~0").replace(/\//g, "~1"),
                  schemaPath: "#/properties/slice_metrics/additionalProperties/additionalProperties/type",
                  keyword: "type",
                  params: { type: "object" },
                  message: "must be object",
                  schema: schema41.properties.slice_metrics.additionalProperties.additionalProperties.type,
                  parentSchema: schema41.properties.slice_metrics.additionalProperties.additionalProperties,
                  data: data12,
                };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
            }
          } else {
            const err36 = {
              instancePath: instancePath + "/slice_metrics/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),
              schemaPath: "#/properties/slice_metrics/additionalProperties/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema41.properties.slice_metrics.additionalProperties.type,
              parentSchema: schema41.properties.slice_metrics.additionalProperties,
              data: data11,
            };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
            }
            errors++;
          }
        }
      } else {
        const err37 = {
          instancePath: instancePath + "/slice_metrics",
          schemaPath: "#/properties/slice_metrics/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema41.properties.slice_metrics.type,
          parentSchema: schema41.properties.slice_metrics,
          data: data10,
        };
        if (vErrors === null) {
          vErrors = [err37];
        } else {
          vErrors.push(err37);
        }
        errors++;
      }
    }
    if (data.lineage !== undefined) {
      let data14 = data.lineage;
      if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
        for (const key9 in data14) {
          if (!(
            key9 === "dataset" ||
            key9 === "code_commit" ||
            key9 === "hyperparameters" ||
            key9 === "trained_at"
          )) {
            const err38 = {
              instancePath: instancePath + "/lineage",
              schemaPath: "#/properties/lineage/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key9 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema41.properties.lineage,
              data: data14,
            };
            if (vErrors === null) {
              vErrors = [err38];
            } else {
              vErrors.push(err38);
            }
            errors++;
          }
        }
        if (data14.dataset !== undefined) {
          let data15 = data14.dataset;
          if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
            if (data15.id === undefined) {
              const err39 = {
                instancePath: instancePath + "/lineage/dataset",
                schemaPath: "#/properties/lineage/properties/dataset/required",
                keyword: "required",
                params: { missingProperty: "id" },
                message: "must have required property '" + "id" + "'",
                schema: schema41.properties.lineage.properties.dataset.required,
                parentSchema: schema41.properties.lineage.properties.dataset,
                data: data15,
              };
              if (vErrors === null) {
                vErrors = [err39];
              } else {
                vErrors.push(err39);
              }
              errors++;
            }
            for (const key10 in data15) {
              if (!(key10 === "id" || key10 === "sha256")) {
                const err40 = {
                  instancePath: instancePath + "/lineage/dataset",
                  schemaPath: "#/properties/lineage/properties/dataset/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key10 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema41.properties.lineage.properties.dataset,
                  data: data15,
                };
                if (vErrors === null) {
                  vErrors = [err40];
                } else {
                  vErrors.push(err40);
                }
                errors++;
              }
            }
            if (data15.id !== undefined) {
              let data16 = data15.id;
              if (typeof data16 === "string") {
                if (func2(data16) < 1) {
                  const err41 = {
                    instancePath: instancePath + "/lineage/dataset/id",
                    schemaPath: "#/properties/lineage/properties/dataset/properties/id/minLength",
                    keyword: "minLength",
                    params: { limit: 1 },
                    message: "must NOT have fewer than 1 characters",
                    schema: 1,
                    parentSchema: schema41.properties.lineage.properties.dataset.properties.id,
                    data: data16,
                  };
                  if (vErrors === null) {
                    vErrors = [err41];
                  } else {
                    vErrors.push(err41);
                  }
                  errors++;
                }
              } else {
                const err42 = {
                  instancePath: instancePath + "/lineage/dataset/id",
                  schemaPath: "#/properties/lineage/properties/dataset/properties/id/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema41.properties.lineage.properties.dataset.properties.id.type,
                  parentSchema: schema41.properties.lineage.properties.dataset.properties.id,
                  data: data16,
                };
                if (vErrors === null) {
                  vErrors = [err42];
                } else {
                  vErrors.push(err42);
                }
                errors++;
              }
            }
            if (data15.sha256 !== undefined) {
              let data17 = data15.sha256;
              if (typeof data17 === "string") {
                if (!pattern22.test(data17)) {
                  const err43 = {
                    instancePath: instancePath + "/lineage/dataset/sha256",
                    schemaPath: "#/$defs/sha256/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[0-9a-f]{64}$" },
                    message: 'must match pattern "' + "^[0-9a-f]{64}$" + '"',
                    schema: "^[0-9a-f]{64}$",
                    parentSchema: schema44,
                    data: data17,
                  };
                  if (vErrors === null) {
                    vErrors = [err43];
                  } else {
                    vErrors.push(err43);
                  }
                  errors++;
                }
              } else {
                const err44 = {
                  instancePath: instancePath + "/lineage/dataset/sha256",
                  schemaPath: "#/$defs/sha256/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema44.type,
                  parentSchema: schema44,
                  data: data17,
                };
                if (vErrors === null) {
                  vErrors = [err44];
                } else {
                  vErrors.push(err44);
                }
                errors++;
              }
            }
          } else {
            const err45 = {
              instancePath: instancePath + "/lineage/dataset",
              schemaPath: "#/properties/lineage/properties/dataset/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema41.properties.lineage.properties.dataset.type,
              parentSchema: schema41.properties.lineage.properties.dataset,
              data: data15,
            };
            if (vErrors === null) {
              vErrors = [err45];
            } else {
              vErrors.push(err45);
            }
            errors++;
          }
        }
        if (data14.code_commit !== undefined) {
          let data18 = data14.code_commit;
          if (typeof data18 === "string") {
            if (!pattern27.test(data18)) {
              const err46 = {
                instancePath: instancePath + "/lineage/code_commit",
                schemaPath: "#/properties/lineage/properties/code_commit/pattern",
                keyword: "pattern",
                params: { pattern: "^[0-9a-f]{7,40}$" },
                message: 'must match pattern "' + "^[0-9a-f]{7,40}$" + '"',
                schema: "^[0-9a-f]{7,40}$",
                parentSchema: schema41.properties.lineage.properties.code_commit,
                data: data18,
              };
              if (vErrors === null) {
                vErrors = [err46];
              } else {
                vErrors.push(err46);
              }
              errors++;
            }
          } else {
            const err47 = {
              instancePath: instancePath + "/lineage/code_commit",
              schemaPath: "#/properties/lineage/properties/code_commit/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema41.properties.lineage.properties.code_commit.type,
              parentSchema: schema41.properties.lineage.properties.code_commit,
              data: data18,
            };
            if (vErrors === null) {
              vErrors = [err47];
            } else {
              vErrors.push(err47);
            }
            errors++;
          }
        }
        if (data14.hyperparameters !== undefined) {
          let data19 = data14.hyperparameters;
          if (!(data19 && typeof data19 == "object" && !Array.isArray(data19))) {
            const err48 = {
              instancePath: instancePath + "/lineage/hyperparameters",
              schemaPath: "#/properties/lineage/properties/hyperparameters/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema41.properties.lineage.properties.hyperparameters.type,
              parentSchema: schema41.properties.lineage.properties.hyperparameters,
              data: data19,
            };
            if (vErrors === null) {
              vErrors = [err48];
            } else {
              vErrors.push(err48);
            }
            errors++;
          }
        }
        if (data14.trained_at !== undefined) {
          let data20 = data14.trained_at;
          if (typeof data20 === "string") {
            if (!formats2.validate(data20)) {
              const err49 = {
                instancePath: instancePath + "/lineage/trained_at",
                schemaPath: "#/properties/lineage/properties/trained_at/format",
                keyword: "format",
                params: { format: "date-time" },
                message: 'must match format "' + "date-time" + '"',
                schema: "date-time",
                parentSchema: schema41.properties.lineage.properties.trained_at,
                data: data20,
              };
              if (vErrors === null) {
                vErrors = [err49];
              } else {
                vErrors.push(err49);
              }
              errors++;
            }
          } else {
            const err50 = {
              instancePath: instancePath + "/lineage/trained_at",
              schemaPath: "#/properties/lineage/properties/trained_at/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema41.properties.lineage.properties.trained_at.type,
              parentSchema: schema41.properties.lineage.properties.trained_at,
              data: data20,
            };
            if (vErrors === null) {
              vErrors = [err50];
            } else {
              vErrors.push(err50);
            }
            errors++;
          }
        }
      } else {
        const err51 = {
          instancePath: instancePath + "/lineage",
          schemaPath: "#/properties/lineage/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema41.properties.lineage.type,
          parentSchema: schema41.properties.lineage,
          data: data14,
        };
        if (vErrors === null) {
          vErrors = [err51];
        } else {
          vErrors.push(err51);
        }
        errors++;
      }
    }
  } else {
    const err52 = {
      instancePath,
      schemaPath: "#/type",
      keyword: "type",
      params: { type: "object" },
      message: "must be object",
      schema: schema41.type,
      parentSchema: schema41,
      data,
    };
    if (vErrors === null) {
      vErrors = [err52];
    } else {
      vErrors.push(err52);
    }
    errors++;
  }
  validate22.errors = vErrors;
  return errors === 0;
}
validate22.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
export const contract = validate23;
const schema49 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelgate.dev/schemas/contract.schema.json",
  title: "contracts/<contract>.yaml — data contract",
  description:
    "The input/output schema of a model (one ONNX tensor per field), with value ranges, categories, a compatibility mode and baseline statistics for drift.",
  type: "object",
  additionalProperties: false,
  required: ["name", "version", "compatibility", "inputs", "outputs"],
  properties: {
    name: {
      description: "Contract name; must equal the file name contracts/<name>.yaml.",
      $ref: "#/$defs/name",
    },
    version: { description: "Semantic version of the contract.", $ref: "#/$defs/semver" },
    compatibility: {
      description:
        "Which changes are allowed: BACKWARD (new model reads old inputs), FORWARD, FULL, NONE, or a *_TRANSITIVE variant.",
      enum: [
        "BACKWARD",
        "FORWARD",
        "FULL",
        "NONE",
        "BACKWARD_TRANSITIVE",
        "FORWARD_TRANSITIVE",
        "FULL_TRANSITIVE",
      ],
    },
    owners: {
      description: "Owners of the contract (CODEOWNERS form: @user, @org/team or e-mail).",
      type: "array",
      items: { $ref: "#/$defs/owner" },
      uniqueItems: true,
    },
    consumers: {
      description: "Who consumes the model's outputs; told about breaking changes.",
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: { description: "Consumer name.", $ref: "#/$defs/name" },
          owners: {
            description: "Owners of the consumer (CODEOWNERS form).",
            type: "array",
            items: { $ref: "#/$defs/owner" },
            uniqueItems: true,
          },
        },
      },
    },
    inputs: {
      description: "Input fields; each is one ONNX input tensor of the same name.",
      type: "array",
      minItems: 1,
      items: { $ref: "#/$defs/field" },
    },
    outputs: {
      description: "Output fields; each is one ONNX output tensor of the same name.",
      type: "array",
      minItems: 1,
      items: { $ref: "#/$defs/field" },
    },
    baseline: {
      description: "Reference statistics from the training data, used to measure drift.",
      type: "object",
      additionalProperties: false,
      required: ["count"],
      properties: {
        count: { description: "Number of rows the baseline was computed from.", type: "integer", minimum: 1 },
        inputs: {
          description: "Input field name -> baseline distribution.",
          type: "object",
          propertyNames: { $ref: "#/$defs/fieldName" },
          additionalProperties: { $ref: "#/$defs/featureBaseline" },
        },
        outputs: {
          description: "Output field name -> baseline distribution.",
          type: "object",
          propertyNames: { $ref: "#/$defs/fieldName" },
          additionalProperties: { $ref: "#/$defs/featureBaseline" },
        },
      },
    },
  },
  $defs: {
    name: { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" },
    fieldName: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$" },
    semver: {
      type: "string",
      pattern:
        "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
    },
    owner: {
      type: "string",
      pattern: "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
    },
    field: {
      type: "object",
      additionalProperties: false,
      required: ["name", "datatype", "shape"],
      properties: {
        name: { description: "Field name = ONNX tensor name.", $ref: "#/$defs/fieldName" },
        datatype: {
          description: "Open Inference Protocol datatype of the tensor.",
          enum: [
            "BOOL",
            "UINT8",
            "UINT16",
            "UINT32",
            "UINT64",
            "INT8",
            "INT16",
            "INT32",
            "INT64",
            "FP16",
            "FP32",
            "FP64",
            "BYTES",
          ],
        },
        shape: {
          description: "Tensor shape; -1 is a variable (batch) dimension.",
          type: "array",
          minItems: 1,
          maxItems: 8,
          items: { type: "integer", minimum: -1 },
        },
        nullable: { description: "Whether a value may be missing (null).", type: "boolean" },
        min: { description: "Smallest allowed value (numeric fields).", type: "number" },
        max: { description: "Largest allowed value (numeric fields).", type: "number" },
        categories: {
          description: "The allowed values (categorical fields).",
          type: "array",
          minItems: 1,
          items: { type: ["string", "number"] },
          uniqueItems: true,
        },
        unit: { description: "Unit of the value, e.g. units, days, EUR.", type: "string" },
        description: { description: "What the field means.", type: "string" },
      },
    },
    featureBaseline: {
      description: "A numeric baseline (edges + proportions) or a categorical one (frequencies).",
      type: "object",
      additionalProperties: false,
      properties: {
        edges: {
          description: "n+1 ascending bin edges (numeric fields).",
          type: "array",
          minItems: 2,
          items: { type: "number" },
        },
        proportions: {
          description: "n shares of the rows per bin, summing to 1 (numeric fields).",
          type: "array",
          minItems: 1,
          items: { type: "number", minimum: 0, maximum: 1 },
        },
        column: {
          description:
            "For an output with several columns per row (e.g. probabilities of shape [-1, 2]): which column the baseline describes (0-based). Default: the last column, the positive class of a binary classifier.",
          type: "integer",
          minimum: 0,
        },
        frequencies: {
          description: "Category -> share of the rows, summing to 1 (categorical fields).",
          type: "object",
          minProperties: 1,
          additionalProperties: { type: "number", minimum: 0, maximum: 1 },
        },
      },
      minProperties: 1,
      dependentRequired: { edges: ["proportions"], proportions: ["edges"] },
    },
  },
};
const schema50 = { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" };
const schema51 = {
  type: "string",
  pattern:
    "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
};
const schema52 = {
  type: "string",
  pattern: "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
};
const schema56 = { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$" };
const schema58 = {
  description: "A numeric baseline (edges + proportions) or a categorical one (frequencies).",
  type: "object",
  additionalProperties: false,
  properties: {
    edges: {
      description: "n+1 ascending bin edges (numeric fields).",
      type: "array",
      minItems: 2,
      items: { type: "number" },
    },
    proportions: {
      description: "n shares of the rows per bin, summing to 1 (numeric fields).",
      type: "array",
      minItems: 1,
      items: { type: "number", minimum: 0, maximum: 1 },
    },
    column: {
      description:
        "For an output with several columns per row (e.g. probabilities of shape [-1, 2]): which column the baseline describes (0-based). Default: the last column, the positive class of a binary classifier.",
      type: "integer",
      minimum: 0,
    },
    frequencies: {
      description: "Category -> share of the rows, summing to 1 (categorical fields).",
      type: "object",
      minProperties: 1,
      additionalProperties: { type: "number", minimum: 0, maximum: 1 },
    },
  },
  minProperties: 1,
  dependentRequired: { edges: ["proportions"], proportions: ["edges"] },
};
const pattern33 = new RegExp("^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$", "u");
const func0 = require("ajv/dist/runtime/equal").default;
const schema55 = {
  type: "object",
  additionalProperties: false,
  required: ["name", "datatype", "shape"],
  properties: {
    name: { description: "Field name = ONNX tensor name.", $ref: "#/$defs/fieldName" },
    datatype: {
      description: "Open Inference Protocol datatype of the tensor.",
      enum: [
        "BOOL",
        "UINT8",
        "UINT16",
        "UINT32",
        "UINT64",
        "INT8",
        "INT16",
        "INT32",
        "INT64",
        "FP16",
        "FP32",
        "FP64",
        "BYTES",
      ],
    },
    shape: {
      description: "Tensor shape; -1 is a variable (batch) dimension.",
      type: "array",
      minItems: 1,
      maxItems: 8,
      items: { type: "integer", minimum: -1 },
    },
    nullable: { description: "Whether a value may be missing (null).", type: "boolean" },
    min: { description: "Smallest allowed value (numeric fields).", type: "number" },
    max: { description: "Largest allowed value (numeric fields).", type: "number" },
    categories: {
      description: "The allowed values (categorical fields).",
      type: "array",
      minItems: 1,
      items: { type: ["string", "number"] },
      uniqueItems: true,
    },
    unit: { description: "Unit of the value, e.g. units, days, EUR.", type: "string" },
    description: { description: "What the field means.", type: "string" },
  },
};
function validate24(
  data,
  { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate24.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "name" },
        message: "must have required property '" + "name" + "'",
        schema: schema55.required,
        parentSchema: schema55,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.datatype === undefined) {
      const err1 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "datatype" },
        message: "must have required property '" + "datatype" + "'",
        schema: schema55.required,
        parentSchema: schema55,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.shape === undefined) {
      const err2 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "shape" },
        message: "must have required property '" + "shape" + "'",
        schema: schema55.required,
        parentSchema: schema55,
        data,
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func1.call(schema55.properties, key0)) {
        const err3 = {
          instancePath,
          schemaPath: "#/additionalProperties",
          keyword: "additionalProperties",
          params: { additionalProperty: key0 },
          message: "must NOT have additional properties",
          schema: false,
          parentSchema: schema55,
          data,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === "string") {
        if (!pattern33.test(data0)) {
          const err4 = {
            instancePath: instancePath + "/name",
            schemaPath: "#/$defs/fieldName/pattern",
            keyword: "pattern",
            params: { pattern: "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$" },
            message: 'must match pattern "' + "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$" + '"',
            schema: "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$",
            parentSchema: schema56,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + "/name",
          schemaPath: "#/$defs/fieldName/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema56.type,
          parentSchema: schema56,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.datatype !== undefined) {
      let data1 = data.datatype;
      if (!(
        data1 === "BOOL" ||
        data1 === "UINT8" ||
        data1 === "UINT16" ||
        data1 === "UINT32" ||
        data1 === "UINT64" ||
        data1 === "INT8" ||
        data1 === "INT16" ||
        data1 === "INT32" ||
        data1 === "INT64" ||
        data1 === "FP16" ||
        data1 === "FP32" ||
        data1 === "FP64" ||
        data1 === "BYTES"
      )) {
        const err6 = {
          instancePath: instancePath + "/datatype",
          schemaPath: "#/properties/datatype/enum",
          keyword: "enum",
          params: { allowedValues: schema55.properties.datatype.enum },
          message: "must be equal to one of the allowed values",
          schema: schema55.properties.datatype.enum,
          parentSchema: schema55.properties.datatype,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.shape !== undefined) {
      let data2 = data.shape;
      if (Array.isArray(data2)) {
        if (data2.length > 8) {
          const err7 = {
            instancePath: instancePath + "/shape",
            schemaPath: "#/properties/shape/maxItems",
            keyword: "maxItems",
            params: { limit: 8 },
            message: "must NOT have more than 8 items",
            schema: 8,
            parentSchema: schema55.properties.shape,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
        if (data2.length < 1) {
          const err8 = {
            instancePath: instancePath + "/shape",
            schemaPath: "#/properties/shape/minItems",
            keyword: "minItems",
            params: { limit: 1 },
            message: "must NOT have fewer than 1 items",
            schema: 1,
            parentSchema: schema55.properties.shape,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        const len0 = data2.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data3 = data2[i0];
          if (!(typeof data3 == "number" && !(data3 % 1) && !isNaN(data3) && isFinite(data3))) {
            const err9 = {
              instancePath: instancePath + "/shape/" + i0,
              schemaPath: "#/properties/shape/items/type",
              keyword: "type",
              params: { type: "integer" },
              message: "must be integer",
              schema: schema55.properties.shape.items.type,
              parentSchema: schema55.properties.shape.items,
              data: data3,
            };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
          if (typeof data3 == "number" && isFinite(data3)) {
            if (data3 < -1 || isNaN(data3)) {
              const err10 = {
                instancePath: instancePath + "/shape/" + i0,
                schemaPath: "#/properties/shape/items/minimum",
                keyword: "minimum",
                params: { comparison: ">=", limit: -1 },
                message: "must be >= -1",
                schema: -1,
                parentSchema: schema55.properties.shape.items,
                data: data3,
              };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
          }
        }
      } else {
        const err11 = {
          instancePath: instancePath + "/shape",
          schemaPath: "#/properties/shape/type",
          keyword: "type",
          params: { type: "array" },
          message: "must be array",
          schema: schema55.properties.shape.type,
          parentSchema: schema55.properties.shape,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.nullable !== undefined) {
      let data4 = data.nullable;
      if (typeof data4 !== "boolean") {
        const err12 = {
          instancePath: instancePath + "/nullable",
          schemaPath: "#/properties/nullable/type",
          keyword: "type",
          params: { type: "boolean" },
          message: "must be boolean",
          schema: schema55.properties.nullable.type,
          parentSchema: schema55.properties.nullable,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.min !== undefined) {
      let data5 = data.min;
      if (!(typeof data5 == "number" && isFinite(data5))) {
        const err13 = {
          instancePath: instancePath + "/min",
          schemaPath: "#/properties/min/type",
          keyword: "type",
          params: { type: "number" },
          message: "must be number",
          schema: schema55.properties.min.type,
          parentSchema: schema55.properties.min,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
    }
    if (data.max !== undefined) {
      let data6 = data.max;
      if (!(typeof data6 == "number" && isFinite(data6))) {
        const err14 = {
          instancePath: instancePath + "/max",
          schemaPath: "#/properties/max/type",
          keyword: "type",
          params: { type: "number" },
          message: "must be number",
          schema: schema55.properties.max.type,
          parentSchema: schema55.properties.max,
          data: data6,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.categories !== undefined) {
      let data7 = data.categories;
      if (Array.isArray(data7)) {
        if (data7.length < 1) {
          const err15 = {
            instancePath: instancePath + "/categories",
            schemaPath: "#/properties/categories/minItems",
            keyword: "minItems",
            params: { limit: 1 },
            message: "must NOT have fewer than 1 items",
            schema: 1,
            parentSchema: schema55.properties.categories,
            data: data7,
          };
          if (vErrors === null) {
            vErrors = [err15];
          } else {
            vErrors.push(err15);
          }
          errors++;
        }
        const len1 = data7.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data8 = data7[i1];
          if (typeof data8 !== "string" && !(typeof data8 == "number" && isFinite(data8))) {
            const err16 = {
              instancePath: instancePath + "/categories/" + i1,
              schemaPath: "#/properties/categories/items/type",
              keyword: "type",
              params: { type: schema55.properties.categories.items.type },
              message: "must be string,number",
              schema: schema55.properties.categories.items.type,
              parentSchema: schema55.properties.categories.items,
              data: data8,
            };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
        let i2 = data7.length;
        let j0;
        if (i2 > 1) {
          const indices0 = {};
          for (; i2--;) {
            let item0 = data7[i2];
            if (typeof item0 !== "string" && !(typeof item0 == "number" && isFinite(item0))) {
              continue;
            }
            if (typeof item0 == "string") {
              item0 += "_";
            }
            if (typeof indices0[item0] == "number") {
              j0 = indices0[item0];
              const err17 = {
                instancePath: instancePath + "/categories",
                schemaPath: "#/properties/categories/uniqueItems",
                keyword: "uniqueItems",
                params: { i: i2, j: j0 },
                message: "must NOT have duplicate items (items ## " + j0 + " and " + i2 + " are identical)",
                schema: true,
                parentSchema: schema55.properties.categories,
                data: data7,
              };
              if (vErrors === null) {
                vErrors = [err17];
              } else {
                vErrors.push(err17);
              }
              errors++;
              break;
            }
            indices0[item0] = i2;
          }
        }
      } else {
        const err18 = {
          instancePath: instancePath + "/categories",
          schemaPath: "#/properties/categories/type",
          keyword: "type",
          params: { type: "array" },
          message: "must be array",
          schema: schema55.properties.categories.type,
          parentSchema: schema55.properties.categories,
          data: data7,
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.unit !== undefined) {
      let data9 = data.unit;
      if (typeof data9 !== "string") {
        const err19 = {
          instancePath: instancePath + "/unit",
          schemaPath: "#/properties/unit/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema55.properties.unit.type,
          parentSchema: schema55.properties.unit,
          data: data9,
        };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
    }
    if (data.description !== undefined) {
      let data10 = data.description;
      if (typeof data10 !== "string") {
        const err20 = {
          instancePath: instancePath + "/description",
          schemaPath: "#/properties/description/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema55.properties.description.type,
          parentSchema: schema55.properties.description,
          data: data10,
        };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      }
    }
  } else {
    const err21 = {
      instancePath,
      schemaPath: "#/type",
      keyword: "type",
      params: { type: "object" },
      message: "must be object",
      schema: schema55.type,
      parentSchema: schema55,
      data,
    };
    if (vErrors === null) {
      vErrors = [err21];
    } else {
      vErrors.push(err21);
    }
    errors++;
  }
  validate24.errors = vErrors;
  return errors === 0;
}
validate24.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
function validate23(
  data,
  { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://modelgate.dev/schemas/contract.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate23.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "name" },
        message: "must have required property '" + "name" + "'",
        schema: schema49.required,
        parentSchema: schema49,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.version === undefined) {
      const err1 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "version" },
        message: "must have required property '" + "version" + "'",
        schema: schema49.required,
        parentSchema: schema49,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.compatibility === undefined) {
      const err2 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "compatibility" },
        message: "must have required property '" + "compatibility" + "'",
        schema: schema49.required,
        parentSchema: schema49,
        data,
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.inputs === undefined) {
      const err3 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "inputs" },
        message: "must have required property '" + "inputs" + "'",
        schema: schema49.required,
        parentSchema: schema49,
        data,
      };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    if (data.outputs === undefined) {
      const err4 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "outputs" },
        message: "must have required property '" + "outputs" + "'",
        schema: schema49.required,
        parentSchema: schema49,
        data,
      };
      if (vErrors === null) {
        vErrors = [err4];
      } else {
        vErrors.push(err4);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === "name" ||
        key0 === "version" ||
        key0 === "compatibility" ||
        key0 === "owners" ||
        key0 === "consumers" ||
        key0 === "inputs" ||
        key0 === "outputs" ||
        key0 === "baseline"
      )) {
        const err5 = {
          instancePath,
          schemaPath: "#/additionalProperties",
          keyword: "additionalProperties",
          params: { additionalProperty: key0 },
          message: "must NOT have additional properties",
          schema: false,
          parentSchema: schema49,
          data,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === "string") {
        if (!pattern4.test(data0)) {
          const err6 = {
            instancePath: instancePath + "/name",
            schemaPath: "#/$defs/name/pattern",
            keyword: "pattern",
            params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
            message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
            schema: "^[a-z][a-z0-9-]{0,62}$",
            parentSchema: schema50,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = {
          instancePath: instancePath + "/name",
          schemaPath: "#/$defs/name/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema50.type,
          parentSchema: schema50,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.version !== undefined) {
      let data1 = data.version;
      if (typeof data1 === "string") {
        if (!pattern19.test(data1)) {
          const err8 = {
            instancePath: instancePath + "/version",
            schemaPath: "#/$defs/semver/pattern",
            keyword: "pattern",
            params: {
              pattern:
                "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
            },
            message:
              'must match pattern "' +
              "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$" +
              '"',
            schema:
              "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
            parentSchema: schema51,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      } else {
        const err9 = {
          instancePath: instancePath + "/version",
          schemaPath: "#/$defs/semver/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema51.type,
          parentSchema: schema51,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.compatibility !== undefined) {
      let data2 = data.compatibility;
      if (!(
        data2 === "BACKWARD" ||
        data2 === "FORWARD" ||
        data2 === "FULL" ||
        data2 === "NONE" ||
        data2 === "BACKWARD_TRANSITIVE" ||
        data2 === "FORWARD_TRANSITIVE" ||
        data2 === "FULL_TRANSITIVE"
      )) {
        const err10 = {
          instancePath: instancePath + "/compatibility",
          schemaPath: "#/properties/compatibility/enum",
          keyword: "enum",
          params: { allowedValues: schema49.properties.compatibility.enum },
          message: "must be equal to one of the allowed values",
          schema: schema49.properties.compatibility.enum,
          parentSchema: schema49.properties.compatibility,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.owners !== undefined) {
      let data3 = data.owners;
      if (Array.isArray(data3)) {
        const len0 = data3.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data4 = data3[i0];
          if (typeof data4 === "string") {
            if (!pattern15.test(data4)) {
              const err11 = {
                instancePath: instancePath + "/owners/" + i0,
                schemaPath: "#/$defs/owner/pattern",
                keyword: "pattern",
                params: {
                  pattern:
                    "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
                },
                message:
                  'must match pattern "' +
                  "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$" +
                  '"',
                schema:
                  "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
                parentSchema: schema52,
                data: data4,
              };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = {
              instancePath: instancePath + "/owners/" + i0,
              schemaPath: "#/$defs/owner/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema52.type,
              parentSchema: schema52,
              data: data4,
            };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        let i1 = data3.length;
        let j0;
        if (i1 > 1) {
          outer0: for (; i1--;) {
            for (j0 = i1; j0--;) {
              if (func0(data3[i1], data3[j0])) {
                const err13 = {
                  instancePath: instancePath + "/owners",
                  schemaPath: "#/properties/owners/uniqueItems",
                  keyword: "uniqueItems",
                  params: { i: i1, j: j0 },
                  message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)",
                  schema: true,
                  parentSchema: schema49.properties.owners,
                  data: data3,
                };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
                break outer0;
              }
            }
          }
        }
      } else {
        const err14 = {
          instancePath: instancePath + "/owners",
          schemaPath: "#/properties/owners/type",
          keyword: "type",
          params: { type: "array" },
          message: "must be array",
          schema: schema49.properties.owners.type,
          parentSchema: schema49.properties.owners,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.consumers !== undefined) {
      let data5 = data.consumers;
      if (Array.isArray(data5)) {
        const len1 = data5.length;
        for (let i2 = 0; i2 < len1; i2++) {
          let data6 = data5[i2];
          if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
            if (data6.name === undefined) {
              const err15 = {
                instancePath: instancePath + "/consumers/" + i2,
                schemaPath: "#/properties/consumers/items/required",
                keyword: "required",
                params: { missingProperty: "name" },
                message: "must have required property '" + "name" + "'",
                schema: schema49.properties.consumers.items.required,
                parentSchema: schema49.properties.consumers.items,
                data: data6,
              };
              if (vErrors === null) {
                vErrors = [err15];
              } else {
                vErrors.push(err15);
              }
              errors++;
            }
            for (const key1 in data6) {
              if (!(key1 === "name" || key1 === "owners")) {
                const err16 = {
                  instancePath: instancePath + "/consumers/" + i2,
                  schemaPath: "#/properties/consumers/items/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key1 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema49.properties.consumers.items,
                  data: data6,
                };
                if (vErrors === null) {
                  vErrors = [err16];
                } else {
                  vErrors.push(err16);
                }
                errors++;
              }
            }
            if (data6.name !== undefined) {
              let data7 = data6.name;
              if (typeof data7 === "string") {
                if (!pattern4.test(data7)) {
                  const err17 = {
                    instancePath: instancePath + "/consumers/" + i2 + "/name",
                    schemaPath: "#/$defs/name/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
                    message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
                    schema: "^[a-z][a-z0-9-]{0,62}$",
                    parentSchema: schema50,
                    data: data7,
                  };
                  if (vErrors === null) {
                    vErrors = [err17];
                  } else {
                    vErrors.push(err17);
                  }
                  errors++;
                }
              } else {
                const err18 = {
                  instancePath: instancePath + "/consumers/" + i2 + "/name",
                  schemaPath: "#/$defs/name/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema50.type,
                  parentSchema: schema50,
                  data: data7,
                };
                if (vErrors === null) {
                  vErrors = [err18];
                } else {
                  vErrors.push(err18);
                }
                errors++;
              }
            }
            if (data6.owners !== undefined) {
              let data8 = data6.owners;
              if (Array.isArray(data8)) {
                const len2 = data8.length;
                for (let i3 = 0; i3 < len2; i3++) {
                  let data9 = data8[i3];
                  if (typeof data9 === "string") {
                    if (!pattern15.test(data9)) {
                      const err19 = {
                        instancePath: instancePath + "/consumers/" + i2 + "/owners/" + i3,
                        schemaPath: "#/$defs/owner/pattern",
                        keyword: "pattern",
                        params: {
                          pattern:
                            "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
                        },
                        message:
                          'must match pattern "' +
                          "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$" +
                          '"',
                        schema:
                          "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$",
                        parentSchema: schema52,
                        data: data9,
                      };
                      if (vErrors === null) {
                        vErrors = [err19];
                      } else {
                        vErrors.push(err19);
                      }
                      errors++;
                    }
                  } else {
                    const err20 = {
                      instancePath: instancePath + "/consumers/" + i2 + "/owners/" + i3,
                      schemaPath: "#/$defs/owner/type",
                      keyword: "type",
                      params: { type: "string" },
                      message: "must be string",
                      schema: schema52.type,
                      parentSchema: schema52,
                      data: data9,
                    };
                    if (vErrors === null) {
                      vErrors = [err20];
                    } else {
                      vErrors.push(err20);
                    }
                    errors++;
                  }
                }
                let i4 = data8.length;
                let j1;
                if (i4 > 1) {
                  outer1: for (; i4--;) {
                    for (j1 = i4; j1--;) {
                      if (func0(data8[i4], data8[j1])) {
                        const err21 = {
                          instancePath: instancePath + "/consumers/" + i2 + "/owners",
                          schemaPath: "#/properties/consumers/items/properties/owners/uniqueItems",
                          keyword: "uniqueItems",
                          params: { i: i4, j: j1 },
                          message:
                            "must NOT have duplicate items (items ## " +
                            j1 +
                            " and " +
                            i4 +
                            " are identical)",
                          schema: true,
                          parentSchema: schema49.properties.consumers.items.properties.owners,
                          data: data8,
                        };
                        if (vErrors === null) {
                          vErrors = [err21];
                        } else {
                          vErrors.push(err21);
                        }
                        errors++;
                        break outer1;
                      }
                    }
                  }
                }
              } else {
                const err22 = {
                  instancePath: instancePath + "/consumers/" + i2 + "/owners",
                  schemaPath: "#/properties/consumers/items/properties/owners/type",
                  keyword: "type",
                  params: { type: "array" },
                  message: "must be array",
                  schema: schema49.properties.consumers.items.properties.owners.type,
                  parentSchema: schema49.properties.consumers.items.properties.owners,
                  data: data8,
                };
                if (vErrors === null) {
                  vErrors = [err22];
                } else {
                  vErrors.push(err22);
                }
                errors++;
              }
            }
          } else {
            const err23 = {
              instancePath: instancePath + "/consumers/" + i2,
              schemaPath: "#/properties/consumers/items/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema49.properties.consumers.items.type,
              parentSchema: schema49.properties.consumers.items,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
        }
      } else {
        const err24 = {
          instancePath: instancePath + "/consumers",
          schemaPath: "#/properties/consumers/type",
          keyword: "type",
          params: { type: "array" },
          message: "must be array",
          schema: schema49.properties.consumers.type,
          parentSchema: schema49.properties.consumers,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err24];
        } else {
          vErrors.push(err24);
        }
        errors++;
      }
    }
    if (data.inputs !== undefined) {
      let data10 = data.inputs;
      if (Array.isArray(data10)) {
        if (data10.length < 1) {
          const err25 = {
            instancePath: instancePath + "/inputs",
            schemaPath: "#/properties/inputs/minItems",
            keyword: "minItems",
            params: { limit: 1 },
            message: "must NOT have fewer than 1 items",
            schema: 1,
            parentSchema: schema49.properties.inputs,
            data: data10,
          };
          if (vErrors === null) {
            vErrors = [err25];
          } else {
            vErrors.push(err25);
          }
          errors++;
        }
        const len3 = data10.length;
        for (let i5 = 0; i5 < len3; i5++) {
          if (
            !validate24(data10[i5], {
              instancePath: instancePath + "/inputs/" + i5,
              parentData: data10,
              parentDataProperty: i5,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err26 = {
          instancePath: instancePath + "/inputs",
          schemaPath: "#/properties/inputs/type",
          keyword: "type",
          params: { type: "array" },
          message: "must be array",
          schema: schema49.properties.inputs.type,
          parentSchema: schema49.properties.inputs,
          data: data10,
        };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      }
    }
    if (data.outputs !== undefined) {
      let data12 = data.outputs;
      if (Array.isArray(data12)) {
        if (data12.length < 1) {
          const err27 = {
            instancePath: instancePath + "/outputs",
            schemaPath: "#/properties/outputs/minItems",
            keyword: "minItems",
            params: { limit: 1 },
            message: "must NOT have fewer than 1 items",
            schema: 1,
            parentSchema: schema49.properties.outputs,
            data: data12,
          };
          if (vErrors === null) {
            vErrors = [err27];
          } else {
            vErrors.push(err27);
          }
          errors++;
        }
        const len4 = data12.length;
        for (let i6 = 0; i6 < len4; i6++) {
          if (
            !validate24(data12[i6], {
              instancePath: instancePath + "/outputs/" + i6,
              parentData: data12,
              parentDataProperty: i6,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err28 = {
          instancePath: instancePath + "/outputs",
          schemaPath: "#/properties/outputs/type",
          keyword: "type",
          params: { type: "array" },
          message: "must be array",
          schema: schema49.properties.outputs.type,
          parentSchema: schema49.properties.outputs,
          data: data12,
        };
        if (vErrors === null) {
          vErrors = [err28];
        } else {
          vErrors.push(err28);
        }
        errors++;
      }
    }
    if (data.baseline !== undefined) {
      let data14 = data.baseline;
      if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
        if (data14.count === undefined) {
          const err29 = {
            instancePath: instancePath + "/baseline",
            schemaPath: "#/properties/baseline/required",
            keyword: "required",
            params: { missingProperty: "count" },
            message: "must have required property '" + "count" + "'",
            schema: schema49.properties.baseline.required,
            parentSchema: schema49.properties.baseline,
            data: data14,
          };
          if (vErrors === null) {
            vErrors = [err29];
          } else {
            vErrors.push(err29);
          }
          errors++;
        }
        for (const key2 in data14) {
          if (!(key2 === "count" || key2 === "inputs" || key2 === "outputs")) {
            const err30 = {
              instancePath: instancePath + "/baseline",
              schemaPath: "#/properties/baseline/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key2 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema49.properties.baseline,
              data: data14,
            };
            if (vErrors === null) {
              vErrors = [err30];
            } else {
              vErrors.push(err30);
            }
            errors++;
          }
        }
        if (data14.count !== undefined) {
          let data15 = data14.count;
          if (!(typeof data15 == "number" && !(data15 % 1) && !isNaN(data15) && isFinite(data15))) {
            const err31 = {
              instancePath: instancePath + "/baseline/count",
              schemaPath: "#/properties/baseline/properties/count/type",
              keyword: "type",
              params: { type: "integer" },
              message: "must be integer",
              schema: schema49.properties.baseline.properties.count.type,
              parentSchema: schema49.properties.baseline.properties.count,
              data: data15,
            };
            if (vErrors === null) {
              vErrors = [err31];
            } else {
              vErrors.push(err31);
            }
            errors++;
          }
          if (typeof data15 == "number" && isFinite(data15)) {
            if (data15 < 1 || isNaN(data15)) {
              const err32 = {
                instancePath: instancePath + "/baseline/count",
                schemaPath: "#/properties/baseline/properties/count/minimum",
                keyword: "minimum",
                params: { comparison: ">=", limit: 1 },
                message: "must be >= 1",
                schema: 1,
                parentSchema: schema49.properties.baseline.properties.count,
                data: data15,
              };
              if (vErrors === null) {
                vErrors = [err32];
              } else {
                vErrors.push(err32);
              }
              errors++;
            }
          }
        }
        if (data14.inputs !== undefined) {
          let data16 = data14.inputs;
          if (data16 && typeof data16 == "object" && !Array.isArray(data16)) {
            for (const key3 in data16) {
              const _errs40 = errors;
              if (typeof key3 === "string") {
                if (!pattern33.test(key3)) {
                  const err33 = {
                    instancePath: instancePath + "/baseline/inputs",
                    schemaPath: "#/$defs/fieldName/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$" },
                    message: 'must match pattern "' + "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$" + '"',
                    schema: "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$",
                    parentSchema: schema56,
                    data: key3,
                    propertyName: key3,
                  };
                  if (vErrors === null) {
                    vErrors = [err33];
                  } else {
                    vErrors.push(err33);
                  }
                  errors++;
                }
              } else {
                const err34 = {
                  instancePath: instancePath + "/baseline/inputs",
                  schemaPath: "#/$defs/fieldName/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema56.type,
                  parentSchema: schema56,
                  data: key3,
                  propertyName: key3,
                };
                if (vErrors === null) {
                  vErrors = [err34];
                } else {
                  vErrors.push(err34);
                }
                errors++;
              }
              var valid20 = _errs40 === errors;
              if (!valid20) {
                const err35 = {
                  instancePath: instancePath + "/baseline/inputs",
                  schemaPath: "#/properties/baseline/properties/inputs/propertyNames",
                  keyword: "propertyNames",
                  params: { propertyName: key3 },
                  message: "property name must be valid",
                  schema: schema49.properties.baseline.properties.inputs.propertyNames,
                  parentSchema: schema49.properties.baseline.properties.inputs,
                  data: data16,
                };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
            }
            for (const key4 in data16) {
              let data17 = data16[key4];
              if (data17 && typeof data17 == "object" && !Array.isArray(data17)) {
                if (Object.keys(data17).length < 1) {
                  const err36 = {
                    instancePath:
                      instancePath + "/baseline/inputs/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),
                    schemaPath: "#/$defs/featureBaseline/minProperties",
                    keyword: "minProperties",
                    params: { limit: 1 },
                    message: "must NOT have fewer than 1 properties",
                    schema: 1,
                    parentSchema: schema58,
                    data: data17,
                  };
                  if (vErrors === null) {
                    vErrors = [err36];
                  } else {
                    vErrors.push(err36);
                  }
                  errors++;
                }
                for (const key5 in data17) {
                  if (!(
                    key5 === "edges" ||
                    key5 === "proportions" ||
                    key5 === "column" ||
                    key5 === "frequencies"
                  )) {
                    const err37 = {
                      instancePath:
                        instancePath + "/baseline/inputs/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath: "#/$defs/featureBaseline/additionalProperties",
                      keyword: "additionalProperties",
                      params: { additionalProperty: key5 },
                      message: "must NOT have additional properties",
                      schema: false,
                      parentSchema: schema58,
                      data: data17,
                    };
                    if (vErrors === null) {
                      vErrors = [err37];
                    } else {
                      vErrors.push(err37);
                    }
                    errors++;
                  }
                }
                if (data17.edges !== undefined) {
                  let data18 = data17.edges;
                  if (Array.isArray(data18)) {
                    if (data18.length < 2) {
                      const err38 = {
                        instancePath:
                          instancePath +
                          "/baseline/inputs/" +
                          key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/edges",
                        schemaPath: "#/$defs/featureBaseline/properties/edges/minItems",
                        keyword: "minItems",
                        params: { limit: 2 },
                        message: "must NOT have fewer than 2 items",
                        schema: 2,
                        parentSchema: schema58.properties.edges,
                        data: data18,
                      };
                      if (vErrors === null) {
                        vErrors = [err38];
                      } else {
                        vErrors.push(err38);
                      }
                      errors++;
                    }
                    const len5 = data18.length;
                    for (let i7 = 0; i7 < len5; i7++) {
                      let data19 = data18[i7];
                      if (!(typeof data19 == "number" && isFinite(data19))) {
                        const err39 = {
                          instancePath:
                            instancePath +
                            "/baseline/inputs/" +
                            key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/edges/" +
                            i7,
                          schemaPath: "#/$defs/featureBaseline/properties/edges/items/type",
                          keyword: "type",
                          params: { type: "number" },
                          message: "must be number",
                          schema: schema58.properties.edges.items.type,
                          parentSchema: schema58.properties.edges.items,
                          data: data19,
                        };
                        if (vErrors === null) {
                          vErrors = [err39];
                        } else {
                          vErrors.push(err39);
                        }
                        errors++;
                      }
                    }
                  } else {
                    const err40 = {
                      instancePath:
                        instancePath +
                        "/baseline/inputs/" +
                        key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/edges",
                      schemaPath: "#/$defs/featureBaseline/properties/edges/type",
                      keyword: "type",
                      params: { type: "array" },
                      message: "must be array",
                      schema: schema58.properties.edges.type,
                      parentSchema: schema58.properties.edges,
                      data: data18,
                    };
                    if (vErrors === null) {
                      vErrors = [err40];
                    } else {
                      vErrors.push(err40);
                    }
                    errors++;
                  }
                }
                if (data17.proportions !== undefined) {
                  let data20 = data17.proportions;
                  if (Array.isArray(data20)) {
                    if (data20.length < 1) {
                      const err41 = {
                        instancePath:
                          instancePath +
                          "/baseline/inputs/" +
                          key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/proportions",
                        schemaPath: "#/$defs/featureBaseline/properties/proportions/minItems",
                        keyword: "minItems",
                        params: { limit: 1 },
                        message: "must NOT have fewer than 1 items",
                        schema: 1,
                        parentSchema: schema58.properties.proportions,
                        data: data20,
                      };
                      if (vErrors === null) {
                        vErrors = [err41];
                      } else {
                        vErrors.push(err41);
                      }
                      errors++;
                    }
                    const len6 = data20.length;
                    for (let i8 = 0; i8 < len6; i8++) {
                      let data21 = data20[i8];
                      if (typeof data21 == "number" && isFinite(data21)) {
                        if (data21 > 1 || isNaN(data21)) {
                          const err42 = {
                            instancePath:
                              instancePath +
                              "/baseline/inputs/" +
                              key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/proportions/" +
                              i8,
                            schemaPath: "#/$defs/featureBaseline/properties/proportions/items/maximum",
                            keyword: "maximum",
                            params: { comparison: "<=", limit: 1 },
                            message: "must be <= 1",
                            schema: 1,
                            parentSchema: schema58.properties.proportions.items,
                            data: data21,
                          };
                          if (vErrors === null) {
                            vErrors = [err42];
                          } else {
                            vErrors.push(err42);
                          }
                          errors++;
                        }
                        if (data21 < 0 || isNaN(data21)) {
                          const err43 = {
                            instancePath:
                              instancePath +
                              "/baseline/inputs/" +
                              key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/proportions/" +
                              i8,
                            schemaPath: "#/$defs/featureBaseline/properties/proportions/items/minimum",
                            keyword: "minimum",
                            params: { comparison: ">=", limit: 0 },
                            message: "must be >= 0",
                            schema: 0,
                            parentSchema: schema58.properties.proportions.items,
                            data: data21,
                          };
                          if (vErrors === null) {
                            vErrors = [err43];
                          } else {
                            vErrors.push(err43);
                          }
                          errors++;
                        }
                      } else {
                        const err44 = {
                          instancePath:
                            instancePath +
                            "/baseline/inputs/" +
                            key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/proportions/" +
                            i8,
                          schemaPath: "#/$defs/featureBaseline/properties/proportions/items/type",
                          keyword: "type",
                          params: { type: "number" },
                          message: "must be number",
                          schema: schema58.properties.proportions.items.type,
                          parentSchema: schema58.properties.proportions.items,
                          data: data21,
                        };
                        if (vErrors === null) {
                          vErrors = [err44];
                        } else {
                          vErrors.push(err44);
                        }
                        errors++;
                      }
                    }
                  } else {
                    const err45 = {
                      instancePath:
                        instancePath +
                        "/baseline/inputs/" +
                        key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/proportions",
                      schemaPath: "#/$defs/featureBaseline/properties/proportions/type",
                      keyword: "type",
                      params: { type: "array" },
                      message: "must be array",
                      schema: schema58.properties.proportions.type,
                      parentSchema: schema58.properties.proportions,
                      data: data20,
                    };
                    if (vErrors === null) {
                      vErrors = [err45];
                    } else {
                      vErrors.push(err45);
                    }
                    errors++;
                  }
                }
                if (data17.column !== undefined) {
                  let data22 = data17.column;
                  if (!(typeof data22 == "number" && !(data22 % 1) && !isNaN(data22) && isFinite(data22))) {
                    const err46 = {
                      instancePath:
                        instancePath +
                        "/baseline/inputs/" +
                        key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/column",
                      schemaPath: "#/$defs/featureBaseline/properties/column/type",
                      keyword: "type",
                      params: { type: "integer" },
                      message: "must be integer",
                      schema: schema58.properties.column.type,
                      parentSchema: schema58.properties.column,
                      data: data22,
                    };
                    if (vErrors === null) {
                      vErrors = [err46];
                    } else {
                      vErrors.push(err46);
                    }
                    errors++;
                  }
                  if (typeof data22 == "number" && isFinite(data22)) {
                    if (data22 < 0 || isNaN(data22)) {
                      const err47 = {
                        instancePath:
                          instancePath +
                          "/baseline/inputs/" +
                          key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/column",
                        schemaPath: "#/$defs/featureBaseline/properties/column/minimum",
                        keyword: "minimum",
                        params: { comparison: ">=", limit: 0 },
                        message: "must be >= 0",
                        schema: 0,
                        parentSchema: schema58.properties.column,
                        data: data22,
                      };
                      if (vErrors === null) {
                        vErrors = [err47];
                      } else {
                        vErrors.push(err47);
                      }
                      errors++;
                    }
                  }
                }
                if (data17.frequencies !== undefined) {
                  let data23 = data17.frequencies;
                  if (data23 && typeof data23 == "object" && !Array.isArray(data23)) {
                    if (Object.keys(data23).length < 1) {
                      const err48 = {
                        instancePath:
                          instancePath +
                          "/baseline/inputs/" +
                          key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/frequencies",
                        schemaPath: "#/$defs/featureBaseline/properties/frequencies/minProperties",
                        keyword: "minProperties",
                        params: { limit: 1 },
                        message: "must NOT have fewer than 1 properties",
                        schema: 1,
                        parentSchema: schema58.properties.frequencies,
                        data: data23,
                      };
                      if (vErrors === null) {
                        vErrors = [err48];
                      } else {
                        vErrors.push(err48);
                      }
                      errors++;
                    }
                    for (const key6 in data23) {
                      let data24 = data23[key6];
                      if (typeof data24 == "number" && isFinite(data24)) {
                        if (data24 > 1 || isNaN(data24)) {
                          const err49 = {
                            instancePath:
                              instancePath +
                              "/baseline/inputs/" +
                              key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/frequencies/" +
                              key6.replace(/~/g, "~0").replace(/\//g, "~1"),
                            schemaPath:
                              "#/$defs/featureBaseline/properties/frequencies/additionalProperties/maximum",
                            keyword: "maximum",
                            params: { comparison: "<=", limit: 1 },
                            message: "must be <= 1",
                            schema: 1,
                            parentSchema: schema58.properties.frequencies.additionalProperties,
                            data: data24,
                          };
                          if (vErrors === null) {
                            vErrors = [err49];
                          } else {
                            vErrors.push(err49);
                          }
                          errors++;
                        }
                        if (data24 < 0 || isNaN(data24)) {
                          const err50 = {
                            instancePath:
                              instancePath +
                              "/baseline/inputs/" +
                              key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/frequencies/" +
                              key6.replace(/~/g, "~0").replace(/\//g, "~1"),
                            schemaPath:
                              "#/$defs/featureBaseline/properties/frequencies/additionalProperties/minimum",
                            keyword: "minimum",
                            params: { comparison: ">=", limit: 0 },
                            message: "must be >= 0",
                            schema: 0,
                            parentSchema: schema58.properties.frequencies.additionalProperties,
                            data: data24,
                          };
                          if (vErrors === null) {
                            vErrors = [err50];
                          } else {
                            vErrors.push(err50);
                          }
                          errors++;
                        }
                      } else {
                        const err51 = {
                          instancePath:
                            instancePath +
                            "/baseline/inputs/" +
                            key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/frequencies/" +
                            key6.replace(/~/g, "~0").replace(/\//g, "~1"),
                          schemaPath:
                            "#/$defs/featureBaseline/properties/frequencies/additionalProperties/type",
                          keyword: "type",
                          params: { type: "number" },
                          message: "must be number",
                          schema: schema58.properties.frequencies.additionalProperties.type,
                          parentSchema: schema58.properties.frequencies.additionalProperties,
                          data: data24,
                        };
                        if (vErrors === null) {
                          vErrors = [err51];
                        } else {
                          vErrors.push(err51);
                        }
                        errors++;
                      }
                    }
                  } else {
                    const err52 = {
                      instancePath:
                        instancePath +
                        "/baseline/inputs/" +
                        key4.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/frequencies",
                      schemaPath: "#/$defs/featureBaseline/properties/frequencies/type",
                      keyword: "type",
                      params: { type: "object" },
                      message: "must be object",
                      schema: schema58.properties.frequencies.type,
                      parentSchema: schema58.properties.frequencies,
                      data: data23,
                    };
                    if (vErrors === null) {
                      vErrors = [err52];
                    } else {
                      vErrors.push(err52);
                    }
                    errors++;
                  }
                }
                if (data17.edges !== undefined) {
                  if (data17.proportions === undefined) {
                    const err53 = {
                      instancePath:
                        instancePath + "/baseline/inputs/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath: "#/$defs/featureBaseline/dependentRequired",
                      keyword: "dependentRequired",
                      params: {
                        property: "edges",
                        missingProperty: "proportions",
                        depsCount: 1,
                        deps: "proportions",
                      },
                      message: "must have property proportions when property edges is present",
                      schema: schema58.dependentRequired,
                      parentSchema: schema58,
                      data: data17,
                    };
                    if (vErrors === null) {
                      vErrors = [err53];
                    } else {
                      vErrors.push(err53);
                    }
                    errors++;
                  }
                }
                if (data17.proportions !== undefined) {
                  if (data17.edges === undefined) {
                    const err54 = {
                      instancePath:
                        instancePath + "/baseline/inputs/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath: "#/$defs/featureBaseline/dependentRequired",
                      keyword: "dependentRequired",
                      params: {
                        property: "proportions",
                        missingProperty: "edges",
                        depsCount: 1,
                        deps: "edges",
                      },
                      message: "must have property edges when property proportions is present",
                      schema: schema58.dependentRequired,
                      parentSchema: schema58,
                      data: data17,
                    };
                    if (vErrors === null) {
                      vErrors = [err54];
                    } else {
                      vErrors.push(err54);
                    }
                    errors++;
                  }
                }
              } else {
                const err55 = {
                  instancePath:
                    instancePath + "/baseline/inputs/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),
                  schemaPath: "#/$defs/featureBaseline/type",
                  keyword: "type",
                  params: { type: "object" },
                  message: "must be object",
                  schema: schema58.type,
                  parentSchema: schema58,
                  data: data17,
                };
                if (vErrors === null) {
                  vErrors = [err55];
                } else {
                  vErrors.push(err55);
                }
                errors++;
              }
            }
          } else {
            const err56 = {
              instancePath: instancePath + "/baseline/inputs",
              schemaPath: "#/properties/baseline/properties/inputs/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema49.properties.baseline.properties.inputs.type,
              parentSchema: schema49.properties.baseline.properties.inputs,
              data: data16,
            };
            if (vErrors === null) {
              vErrors = [err56];
            } else {
              vErrors.push(err56);
            }
            errors++;
          }
        }
        if (data14.outputs !== undefined) {
          let data25 = data14.outputs;
          if (data25 && typeof data25 == "object" && !Array.isArray(data25)) {
            for (const key7 in data25) {
              const _errs65 = errors;
              if (typeof key7 === "string") {
                if (!pattern33.test(key7)) {
                  const err57 = {
                    instancePath: instancePath + "/baseline/outputs",
                    schemaPath: "#/$defs/fieldName/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$" },
                    message: 'must match pattern "' + "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$" + '"',
                    schema: "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$",
                    parentSchema: schema56,
                    data: key7,
                    propertyName: key7,
                  };
                  if (vErrors === null) {
                    vErrors = [err57];
                  } else {
                    vErrors.push(err57);
                  }
                  errors++;
                }
              } else {
                const err58 = {
                  instancePath: instancePath + "/baseline/outputs",
                  schemaPath: "#/$defs/fieldName/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema56.type,
                  parentSchema: schema56,
                  data: key7,
                  propertyName: key7,
                };
                if (vErrors === null) {
                  vErrors = [err58];
                } else {
                  vErrors.push(err58);
                }
                errors++;
              }
              var valid30 = _errs65 === errors;
              if (!valid30) {
                const err59 = {
                  instancePath: instancePath + "/baseline/outputs",
                  schemaPath: "#/properties/baseline/properties/outputs/propertyNames",
                  keyword: "propertyNames",
                  params: { propertyName: key7 },
                  message: "property name must be valid",
                  schema: schema49.properties.baseline.properties.outputs.propertyNames,
                  parentSchema: schema49.properties.baseline.properties.outputs,
                  data: data25,
                };
                if (vErrors === null) {
                  vErrors = [err59];
                } else {
                  vErrors.push(err59);
                }
                errors++;
              }
            }
            for (const key8 in data25) {
              let data26 = data25[key8];
              if (data26 && typeof data26 == "object" && !Array.isArray(data26)) {
                if (Object.keys(data26).length < 1) {
                  const err60 = {
                    instancePath:
                      instancePath + "/baseline/outputs/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),
                    schemaPath: "#/$defs/featureBaseline/minProperties",
                    keyword: "minProperties",
                    params: { limit: 1 },
                    message: "must NOT have fewer than 1 properties",
                    schema: 1,
                    parentSchema: schema58,
                    data: data26,
                  };
                  if (vErrors === null) {
                    vErrors = [err60];
                  } else {
                    vErrors.push(err60);
                  }
                  errors++;
                }
                for (const key9 in data26) {
                  if (!(
                    key9 === "edges" ||
                    key9 === "proportions" ||
                    key9 === "column" ||
                    key9 === "frequencies"
                  )) {
                    const err61 = {
                      instancePath:
                        instancePath + "/baseline/outputs/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath: "#/$defs/featureBaseline/additionalProperties",
                      keyword: "additionalProperties",
                      params: { additionalProperty: key9 },
                      message: "must NOT have additional properties",
                      schema: false,
                      parentSchema: schema58,
                      data: data26,
                    };
                    if (vErrors === null) {
                      vErrors = [err61];
                    } else {
                      vErrors.push(err61);
                    }
                    errors++;
                  }
                }
                if (data26.edges !== undefined) {
                  let data27 = data26.edges;
                  if (Array.isArray(data27)) {
                    if (data27.length < 2) {
                      const err62 = {
                        instancePath:
                          instancePath +
                          "/baseline/outputs/" +
                          key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/edges",
                        schemaPath: "#/$defs/featureBaseline/properties/edges/minItems",
                        keyword: "minItems",
                        params: { limit: 2 },
                        message: "must NOT have fewer than 2 items",
                        schema: 2,
                        parentSchema: schema58.properties.edges,
                        data: data27,
                      };
                      if (vErrors === null) {
                        vErrors = [err62];
                      } else {
                        vErrors.push(err62);
                      }
                      errors++;
                    }
                    const len7 = data27.length;
                    for (let i9 = 0; i9 < len7; i9++) {
                      let data28 = data27[i9];
                      if (!(typeof data28 == "number" && isFinite(data28))) {
                        const err63 = {
                          instancePath:
                            instancePath +
                            "/baseline/outputs/" +
                            key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/edges/" +
                            i9,
                          schemaPath: "#/$defs/featureBaseline/properties/edges/items/type",
                          keyword: "type",
                          params: { type: "number" },
                          message: "must be number",
                          schema: schema58.properties.edges.items.type,
                          parentSchema: schema58.properties.edges.items,
                          data: data28,
                        };
                        if (vErrors === null) {
                          vErrors = [err63];
                        } else {
                          vErrors.push(err63);
                        }
                        errors++;
                      }
                    }
                  } else {
                    const err64 = {
                      instancePath:
                        instancePath +
                        "/baseline/outputs/" +
                        key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/edges",
                      schemaPath: "#/$defs/featureBaseline/properties/edges/type",
                      keyword: "type",
                      params: { type: "array" },
                      message: "must be array",
                      schema: schema58.properties.edges.type,
                      parentSchema: schema58.properties.edges,
                      data: data27,
                    };
                    if (vErrors === null) {
                      vErrors = [err64];
                    } else {
                      vErrors.push(err64);
                    }
                    errors++;
                  }
                }
                if (data26.proportions !== undefined) {
                  let data29 = data26.proportions;
                  if (Array.isArray(data29)) {
                    if (data29.length < 1) {
                      const err65 = {
                        instancePath:
                          instancePath +
                          "/baseline/outputs/" +
                          key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/proportions",
                        schemaPath: "#/$defs/featureBaseline/properties/proportions/minItems",
                        keyword: "minItems",
                        params: { limit: 1 },
                        message: "must NOT have fewer than 1 items",
                        schema: 1,
                        parentSchema: schema58.properties.proportions,
                        data: data29,
                      };
                      if (vErrors === null) {
                        vErrors = [err65];
                      } else {
                        vErrors.push(err65);
                      }
                      errors++;
                    }
                    const len8 = data29.length;
                    for (let i10 = 0; i10 < len8; i10++) {
                      let data30 = data29[i10];
                      if (typeof data30 == "number" && isFinite(data30)) {
                        if (data30 > 1 || isNaN(data30)) {
                          const err66 = {
                            instancePath:
                              instancePath +
                              "/baseline/outputs/" +
                              key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/proportions/" +
                              i10,
                            schemaPath: "#/$defs/featureBaseline/properties/proportions/items/maximum",
                            keyword: "maximum",
                            params: { comparison: "<=", limit: 1 },
                            message: "must be <= 1",
                            schema: 1,
                            parentSchema: schema58.properties.proportions.items,
                            data: data30,
                          };
                          if (vErrors === null) {
                            vErrors = [err66];
                          } else {
                            vErrors.push(err66);
                          }
                          errors++;
                        }
                        if (data30 < 0 || isNaN(data30)) {
                          const err67 = {
                            instancePath:
                              instancePath +
                              "/baseline/outputs/" +
                              key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/proportions/" +
                              i10,
                            schemaPath: "#/$defs/featureBaseline/properties/proportions/items/minimum",
                            keyword: "minimum",
                            params: { comparison: ">=", limit: 0 },
                            message: "must be >= 0",
                            schema: 0,
                            parentSchema: schema58.properties.proportions.items,
                            data: data30,
                          };
                          if (vErrors === null) {
                            vErrors = [err67];
                          } else {
                            vErrors.push(err67);
                          }
                          errors++;
                        }
                      } else {
                        const err68 = {
                          instancePath:
                            instancePath +
                            "/baseline/outputs/" +
                            key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/proportions/" +
                            i10,
                          schemaPath: "#/$defs/featureBaseline/properties/proportions/items/type",
                          keyword: "type",
                          params: { type: "number" },
                          message: "must be number",
                          schema: schema58.properties.proportions.items.type,
                          parentSchema: schema58.properties.proportions.items,
                          data: data30,
                        };
                        if (vErrors === null) {
                          vErrors = [err68];
                        } else {
                          vErrors.push(err68);
                        }
                        errors++;
                      }
                    }
                  } else {
                    const err69 = {
                      instancePath:
                        instancePath +
                        "/baseline/outputs/" +
                        key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/proportions",
                      schemaPath: "#/$defs/featureBaseline/properties/proportions/type",
                      keyword: "type",
                      params: { type: "array" },
                      message: "must be array",
                      schema: schema58.properties.proportions.type,
                      parentSchema: schema58.properties.proportions,
                      data: data29,
                    };
                    if (vErrors === null) {
                      vErrors = [err69];
                    } else {
                      vErrors.push(err69);
                    }
                    errors++;
                  }
                }
                if (data26.column !== undefined) {
                  let data31 = data26.column;
                  if (!(typeof data31 == "number" && !(data31 % 1) && !isNaN(data31) && isFinite(data31))) {
                    const err70 = {
                      instancePath:
                        instancePath +
                        "/baseline/outputs/" +
                        key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/column",
                      schemaPath: "#/$defs/featureBaseline/properties/column/type",
                      keyword: "type",
                      params: { type: "integer" },
                      message: "must be integer",
                      schema: schema58.properties.column.type,
                      parentSchema: schema58.properties.column,
                      data: data31,
                    };
                    if (vErrors === null) {
                      vErrors = [err70];
                    } else {
                      vErrors.push(err70);
                    }
                    errors++;
                  }
                  if (typeof data31 == "number" && isFinite(data31)) {
                    if (data31 < 0 || isNaN(data31)) {
                      const err71 = {
                        instancePath:
                          instancePath +
                          "/baseline/outputs/" +
                          key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/column",
                        schemaPath: "#/$defs/featureBaseline/properties/column/minimum",
                        keyword: "minimum",
                        params: { comparison: ">=", limit: 0 },
                        message: "must be >= 0",
                        schema: 0,
                        parentSchema: schema58.properties.column,
                        data: data31,
                      };
                      if (vErrors === null) {
                        vErrors = [err71];
                      } else {
                        vErrors.push(err71);
                      }
                      errors++;
                    }
                  }
                }
                if (data26.frequencies !== undefined) {
                  let data32 = data26.frequencies;
                  if (data32 && typeof data32 == "object" && !Array.isArray(data32)) {
                    if (Object.keys(data32).length < 1) {
                      const err72 = {
                        instancePath:
                          instancePath +
                          "/baseline/outputs/" +
                          key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/frequencies",
                        schemaPath: "#/$defs/featureBaseline/properties/frequencies/minProperties",
                        keyword: "minProperties",
                        params: { limit: 1 },
                        message: "must NOT have fewer than 1 properties",
                        schema: 1,
                        parentSchema: schema58.properties.frequencies,
                        data: data32,
                      };
                      if (vErrors === null) {
                        vErrors = [err72];
                      } else {
                        vErrors.push(err72);
                      }
                      errors++;
                    }
                    for (const key10 in data32) {
                      let data33 = data32[key10];
                      if (typeof data33 == "number" && isFinite(data33)) {
                        if (data33 > 1 || isNaN(data33)) {
                          const err73 = {
                            instancePath:
                              instancePath +
                              "/baseline/outputs/" +
                              key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/frequencies/" +
                              key10.replace(/~/g, "~0").replace(/\//g, "~1"),
                            schemaPath:
                              "#/$defs/featureBaseline/properties/frequencies/additionalProperties/maximum",
                            keyword: "maximum",
                            params: { comparison: "<=", limit: 1 },
                            message: "must be <= 1",
                            schema: 1,
                            parentSchema: schema58.properties.frequencies.additionalProperties,
                            data: data33,
                          };
                          if (vErrors === null) {
                            vErrors = [err73];
                          } else {
                            vErrors.push(err73);
                          }
                          errors++;
                        }
                        if (data33 < 0 || isNaN(data33)) {
                          const err74 = {
                            instancePath:
                              instancePath +
                              "/baseline/outputs/" +
                              key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/frequencies/" +
                              key10.replace(/~/g, "~0").replace(/\//g, "~1"),
                            schemaPath:
                              "#/$defs/featureBaseline/properties/frequencies/additionalProperties/minimum",
                            keyword: "minimum",
                            params: { comparison: ">=", limit: 0 },
                            message: "must be >= 0",
                            schema: 0,
                            parentSchema: schema58.properties.frequencies.additionalProperties,
                            data: data33,
                          };
                          if (vErrors === null) {
                            vErrors = [err74];
                          } else {
                            vErrors.push(err74);
                          }
                          errors++;
                        }
                      } else {
                        const err75 = {
                          instancePath:
                            instancePath +
                            "/baseline/outputs/" +
                            key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/frequencies/" +
                            key10.replace(/~/g, "~0").replace(/\//g, "~1"),
                          schemaPath:
                            "#/$defs/featureBaseline/properties/frequencies/additionalProperties/type",
                          keyword: "type",
                          params: { type: "number" },
                          message: "must be number",
                          schema: schema58.properties.frequencies.additionalProperties.type,
                          parentSchema: schema58.properties.frequencies.additionalProperties,
                          data: data33,
                        };
                        if (vErrors === null) {
                          vErrors = [err75];
                        } else {
                          vErrors.push(err75);
                        }
                        errors++;
                      }
                    }
                  } else {
                    const err76 = {
                      instancePath:
                        instancePath +
                        "/baseline/outputs/" +
                        key8.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/frequencies",
                      schemaPath: "#/$defs/featureBaseline/properties/frequencies/type",
                      keyword: "type",
                      params: { type: "object" },
                      message: "must be object",
                      schema: schema58.properties.frequencies.type,
                      parentSchema: schema58.properties.frequencies,
                      data: data32,
                    };
                    if (vErrors === null) {
                      vErrors = [err76];
                    } else {
                      vErrors.push(err76);
                    }
                    errors++;
                  }
                }
                if (data26.edges !== undefined) {
                  if (data26.proportions === undefined) {
                    const err77 = {
                      instancePath:
                        instancePath + "/baseline/outputs/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath: "#/$defs/featureBaseline/dependentRequired",
                      keyword: "dependentRequired",
                      params: {
                        property: "edges",
                        missingProperty: "proportions",
                        depsCount: 1,
                        deps: "proportions",
                      },
                      message: "must have property proportions when property edges is present",
                      schema: schema58.dependentRequired,
                      parentSchema: schema58,
                      data: data26,
                    };
                    if (vErrors === null) {
                      vErrors = [err77];
                    } else {
                      vErrors.push(err77);
                    }
                    errors++;
                  }
                }
                if (data26.proportions !== undefined) {
                  if (data26.edges === undefined) {
                    const err78 = {
                      instancePath:
                        instancePath + "/baseline/outputs/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),
                      schemaPath: "#/$defs/featureBaseline/dependentRequired",
                      keyword: "dependentRequired",
                      params: {
                        property: "proportions",
                        missingProperty: "edges",
                        depsCount: 1,
                        deps: "edges",
                      },
                      message: "must have property edges when property proportions is present",
                      schema: schema58.dependentRequired,
                      parentSchema: schema58,
                      data: data26,
                    };
                    if (vErrors === null) {
                      vErrors = [err78];
                    } else {
                      vErrors.push(err78);
                    }
                    errors++;
                  }
                }
              } else {
                const err79 = {
                  instancePath:
                    instancePath + "/baseline/outputs/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),
                  schemaPath: "#/$defs/featureBaseline/type",
                  keyword: "type",
                  params: { type: "object" },
                  message: "must be object",
                  schema: schema58.type,
                  parentSchema: schema58,
                  data: data26,
                };
                if (vErrors === null) {
                  vErrors = [err79];
                } else {
                  vErrors.push(err79);
                }
                errors++;
              }
            }
          } else {
            const err80 = {
              instancePath: instancePath + "/baseline/outputs",
              schemaPath: "#/properties/baseline/properties/outputs/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema49.properties.baseline.properties.outputs.type,
              parentSchema: schema49.properties.baseline.properties.outputs,
              data: data25,
            };
            if (vErrors === null) {
              vErrors = [err80];
            } else {
              vErrors.push(err80);
            }
            errors++;
          }
        }
      } else {
        const err81 = {
          instancePath: instancePath + "/baseline",
          schemaPath: "#/properties/baseline/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema49.properties.baseline.type,
          parentSchema: schema49.properties.baseline,
          data: data14,
        };
        if (vErrors === null) {
          vErrors = [err81];
        } else {
          vErrors.push(err81);
        }
        errors++;
      }
    }
  } else {
    const err82 = {
      instancePath,
      schemaPath: "#/type",
      keyword: "type",
      params: { type: "object" },
      message: "must be object",
      schema: schema49.type,
      parentSchema: schema49,
      data,
    };
    if (vErrors === null) {
      vErrors = [err82];
    } else {
      vErrors.push(err82);
    }
    errors++;
  }
  validate23.errors = vErrors;
  return errors === 0;
}
validate23.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
export const slo = validate27;
const schema61 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelgate.dev/schemas/slo.schema.json",
  title: "slos/<slo>.yaml — service level objectives",
  description:
    "Service level objectives of a model: latency, availability, error rate, quality and drift, with burn-rate alerting.",
  type: "object",
  additionalProperties: false,
  required: ["name", "window", "objectives"],
  properties: {
    name: { description: "SLO name; must equal the file name slos/<name>.yaml.", $ref: "#/$defs/name" },
    window: { description: "Error-budget window, e.g. 30d.", $ref: "#/$defs/duration" },
    objectives: {
      description: "The objectives; at least one.",
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      properties: {
        latency: {
          description: "A share (target) of requests must finish under threshold_ms at the given quantile.",
          type: "object",
          additionalProperties: false,
          required: ["quantile", "threshold_ms", "target"],
          properties: {
            quantile: { description: "Latency quantile, e.g. 0.99 for p99.", $ref: "#/$defs/openFraction" },
            threshold_ms: {
              description: "Latency threshold in milliseconds.",
              type: "number",
              exclusiveMinimum: 0,
            },
            target: {
              description: "Share of requests that must meet the threshold, e.g. 0.99.",
              $ref: "#/$defs/openFraction",
            },
          },
        },
        availability: {
          description: "Share of non-5xx responses.",
          type: "object",
          additionalProperties: false,
          required: ["target"],
          properties: {
            target: {
              description: "Required share of non-5xx responses, e.g. 0.999.",
              $ref: "#/$defs/openFraction",
            },
          },
        },
        error_rate: {
          description: "Share of 4xx+5xx responses.",
          type: "object",
          additionalProperties: false,
          required: ["max"],
          properties: {
            max: {
              description: "Largest allowed share of 4xx+5xx responses, e.g. 0.01.",
              $ref: "#/$defs/fraction",
            },
          },
        },
        quality: {
          description: "Model quality measured from ground-truth feedback.",
          type: "object",
          additionalProperties: false,
          required: ["metric"],
          properties: {
            metric: {
              description: "Metric name, e.g. accuracy or mae.",
              type: "string",
              pattern: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$",
            },
            min: {
              description: "Lowest acceptable value (for metrics where higher is better).",
              type: "number",
            },
            max: {
              description: "Highest acceptable value (for metrics where lower is better).",
              type: "number",
            },
            window: { description: "Window the metric is computed over, e.g. 7d.", $ref: "#/$defs/duration" },
            min_samples: {
              description: "Fewest labelled samples before the objective is judged.",
              type: "integer",
              minimum: 1,
            },
          },
        },
        drift: {
          description: "Data and prediction drift limits against the contract's baseline.",
          type: "object",
          additionalProperties: false,
          properties: {
            psi_warn: {
              description: "Population stability index at which drift is reported as a warning.",
              type: "number",
              exclusiveMinimum: 0,
            },
            psi_alert: {
              description: "Population stability index at which drift is an alert.",
              type: "number",
              exclusiveMinimum: 0,
            },
            p_value: {
              description: "Significance level of the drift tests (e.g. 0.05).",
              $ref: "#/$defs/openFraction",
            },
            dataset_share: {
              description: "Share of drifted features at which the whole dataset counts as drifted.",
              $ref: "#/$defs/fraction",
            },
          },
        },
      },
    },
    alerting: {
      description: "How SLO burn is alerted.",
      type: "object",
      additionalProperties: false,
      properties: {
        burn_rates: {
          description: "Multiwindow burn-rate alerts (default: the Google SRE workbook set).",
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["severity", "long_window", "short_window", "factor"],
            properties: {
              severity: {
                description: "page (wake someone) or ticket (next working day).",
                enum: ["page", "ticket"],
              },
              long_window: { description: "Long window, e.g. 1h.", $ref: "#/$defs/duration" },
              short_window: { description: "Short window, e.g. 5m.", $ref: "#/$defs/duration" },
              factor: {
                description: "Burn-rate factor that triggers the alert, e.g. 14.4.",
                type: "number",
                exclusiveMinimum: 0,
              },
            },
          },
        },
        min_events: {
          description:
            "Fewest requests each window of a burn-rate alert (long and short) must hold before the alert can fire, so a handful of requests with one error does not page (default 20; 0 turns the guard off).",
          type: "integer",
          minimum: 0,
        },
      },
    },
    retrain_after_days: {
      description: "A serving version older than this many days is due for retraining.",
      type: "integer",
      minimum: 1,
      maximum: 3650,
    },
  },
  $defs: {
    name: { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" },
    duration: { type: "string", pattern: "^[1-9][0-9]{0,5}(s|m|h|d|w)$" },
    fraction: { type: "number", minimum: 0, maximum: 1 },
    openFraction: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
  },
};
const schema62 = { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" };
const schema63 = { type: "string", pattern: "^[1-9][0-9]{0,5}(s|m|h|d|w)$" };
const schema64 = { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 };
const schema67 = { type: "number", minimum: 0, maximum: 1 };
const pattern37 = new RegExp("^[1-9][0-9]{0,5}(s|m|h|d|w)$", "u");
function validate27(
  data,
  { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://modelgate.dev/schemas/slo.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate27.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "name" },
        message: "must have required property '" + "name" + "'",
        schema: schema61.required,
        parentSchema: schema61,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.window === undefined) {
      const err1 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "window" },
        message: "must have required property '" + "window" + "'",
        schema: schema61.required,
        parentSchema: schema61,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.objectives === undefined) {
      const err2 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "objectives" },
        message: "must have required property '" + "objectives" + "'",
        schema: schema61.required,
        parentSchema: schema61,
        data,
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === "name" ||
        key0 === "window" ||
        key0 === "objectives" ||
        key0 === "alerting" ||
        key0 === "retrain_after_days"
      )) {
        const err3 = {
          instancePath,
          schemaPath: "#/additionalProperties",
          keyword: "additionalProperties",
          params: { additionalProperty: key0 },
          message: "must NOT have additional properties",
          schema: false,
          parentSchema: schema61,
          data,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === "string") {
        if (!pattern4.test(data0)) {
          const err4 = {
            instancePath: instancePath + "/name",
            schemaPath: "#/$defs/name/pattern",
            keyword: "pattern",
            params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
            message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
            schema: "^[a-z][a-z0-9-]{0,62}$",
            parentSchema: schema62,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + "/name",
          schemaPath: "#/$defs/name/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema62.type,
          parentSchema: schema62,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.window !== undefined) {
      let data1 = data.window;
      if (typeof data1 === "string") {
        if (!pattern37.test(data1)) {
          const err6 = {
            instancePath: instancePath + "/window",
            schemaPath: "#/$defs/duration/pattern",
            keyword: "pattern",
            params: { pattern: "^[1-9][0-9]{0,5}(s|m|h|d|w)$" },
            message: 'must match pattern "' + "^[1-9][0-9]{0,5}(s|m|h|d|w)$" + '"',
            schema: "^[1-9][0-9]{0,5}(s|m|h|d|w)$",
            parentSchema: schema63,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = {
          instancePath: instancePath + "/window",
          schemaPath: "#/$defs/duration/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema63.type,
          parentSchema: schema63,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.objectives !== undefined) {
      let data2 = data.objectives;
      if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
        if (Object.keys(data2).length < 1) {
          const err8 = {
            instancePath: instancePath + "/objectives",
            schemaPath: "#/properties/objectives/minProperties",
            keyword: "minProperties",
            params: { limit: 1 },
            message: "must NOT have fewer than 1 properties",
            schema: 1,
            parentSchema: schema61.properties.objectives,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        for (const key1 in data2) {
          if (!(
            key1 === "latency" ||
            key1 === "availability" ||
            key1 === "error_rate" ||
            key1 === "quality" ||
            key1 === "drift"
          )) {
            const err9 = {
              instancePath: instancePath + "/objectives",
              schemaPath: "#/properties/objectives/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key1 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema61.properties.objectives,
              data: data2,
            };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
        if (data2.latency !== undefined) {
          let data3 = data2.latency;
          if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
            if (data3.quantile === undefined) {
              const err10 = {
                instancePath: instancePath + "/objectives/latency",
                schemaPath: "#/properties/objectives/properties/latency/required",
                keyword: "required",
                params: { missingProperty: "quantile" },
                message: "must have required property '" + "quantile" + "'",
                schema: schema61.properties.objectives.properties.latency.required,
                parentSchema: schema61.properties.objectives.properties.latency,
                data: data3,
              };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
            if (data3.threshold_ms === undefined) {
              const err11 = {
                instancePath: instancePath + "/objectives/latency",
                schemaPath: "#/properties/objectives/properties/latency/required",
                keyword: "required",
                params: { missingProperty: "threshold_ms" },
                message: "must have required property '" + "threshold_ms" + "'",
                schema: schema61.properties.objectives.properties.latency.required,
                parentSchema: schema61.properties.objectives.properties.latency,
                data: data3,
              };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
            if (data3.target === undefined) {
              const err12 = {
                instancePath: instancePath + "/objectives/latency",
                schemaPath: "#/properties/objectives/properties/latency/required",
                keyword: "required",
                params: { missingProperty: "target" },
                message: "must have required property '" + "target" + "'",
                schema: schema61.properties.objectives.properties.latency.required,
                parentSchema: schema61.properties.objectives.properties.latency,
                data: data3,
              };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
            for (const key2 in data3) {
              if (!(key2 === "quantile" || key2 === "threshold_ms" || key2 === "target")) {
                const err13 = {
                  instancePath: instancePath + "/objectives/latency",
                  schemaPath: "#/properties/objectives/properties/latency/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key2 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema61.properties.objectives.properties.latency,
                  data: data3,
                };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
              }
            }
            if (data3.quantile !== undefined) {
              let data4 = data3.quantile;
              if (typeof data4 == "number" && isFinite(data4)) {
                if (data4 >= 1 || isNaN(data4)) {
                  const err14 = {
                    instancePath: instancePath + "/objectives/latency/quantile",
                    schemaPath: "#/$defs/openFraction/exclusiveMaximum",
                    keyword: "exclusiveMaximum",
                    params: { comparison: "<", limit: 1 },
                    message: "must be < 1",
                    schema: 1,
                    parentSchema: schema64,
                    data: data4,
                  };
                  if (vErrors === null) {
                    vErrors = [err14];
                  } else {
                    vErrors.push(err14);
                  }
                  errors++;
                }
                if (data4 <= 0 || isNaN(data4)) {
                  const err15 = {
                    instancePath: instancePath + "/objectives/latency/quantile",
                    schemaPath: "#/$defs/openFraction/exclusiveMinimum",
                    keyword: "exclusiveMinimum",
                    params: { comparison: ">", limit: 0 },
                    message: "must be > 0",
                    schema: 0,
                    parentSchema: schema64,
                    data: data4,
                  };
                  if (vErrors === null) {
                    vErrors = [err15];
                  } else {
                    vErrors.push(err15);
                  }
                  errors++;
                }
              } else {
                const err16 = {
                  instancePath: instancePath + "/objectives/latency/quantile",
                  schemaPath: "#/$defs/openFraction/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema64.type,
                  parentSchema: schema64,
                  data: data4,
                };
                if (vErrors === null) {
                  vErrors = [err16];
                } else {
                  vErrors.push(err16);
                }
                errors++;
              }
            }
            if (data3.threshold_ms !== undefined) {
              let data5 = data3.threshold_ms;
              if (typeof data5 == "number" && isFinite(data5)) {
                if (data5 <= 0 || isNaN(data5)) {
                  const err17 = {
                    instancePath: instancePath + "/objectives/latency/threshold_ms",
                    schemaPath:
                      "#/properties/objectives/properties/latency/properties/threshold_ms/exclusiveMinimum",
                    keyword: "exclusiveMinimum",
                    params: { comparison: ">", limit: 0 },
                    message: "must be > 0",
                    schema: 0,
                    parentSchema: schema61.properties.objectives.properties.latency.properties.threshold_ms,
                    data: data5,
                  };
                  if (vErrors === null) {
                    vErrors = [err17];
                  } else {
                    vErrors.push(err17);
                  }
                  errors++;
                }
              } else {
                const err18 = {
                  instancePath: instancePath + "/objectives/latency/threshold_ms",
                  schemaPath: "#/properties/objectives/properties/latency/properties/threshold_ms/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema61.properties.objectives.properties.latency.properties.threshold_ms.type,
                  parentSchema: schema61.properties.objectives.properties.latency.properties.threshold_ms,
                  data: data5,
                };
                if (vErrors === null) {
                  vErrors = [err18];
                } else {
                  vErrors.push(err18);
                }
                errors++;
              }
            }
            if (data3.target !== undefined) {
              let data6 = data3.target;
              if (typeof data6 == "number" && isFinite(data6)) {
                if (data6 >= 1 || isNaN(data6)) {
                  const err19 = {
                    instancePath: instancePath + "/objectives/latency/target",
                    schemaPath: "#/$defs/openFraction/exclusiveMaximum",
                    keyword: "exclusiveMaximum",
                    params: { comparison: "<", limit: 1 },
                    message: "must be < 1",
                    schema: 1,
                    parentSchema: schema64,
                    data: data6,
                  };
                  if (vErrors === null) {
                    vErrors = [err19];
                  } else {
                    vErrors.push(err19);
                  }
                  errors++;
                }
                if (data6 <= 0 || isNaN(data6)) {
                  const err20 = {
                    instancePath: instancePath + "/objectives/latency/target",
                    schemaPath: "#/$defs/openFraction/exclusiveMinimum",
                    keyword: "exclusiveMinimum",
                    params: { comparison: ">", limit: 0 },
                    message: "must be > 0",
                    schema: 0,
                    parentSchema: schema64,
                    data: data6,
                  };
                  if (vErrors === null) {
                    vErrors = [err20];
                  } else {
                    vErrors.push(err20);
                  }
                  errors++;
                }
              } else {
                const err21 = {
                  instancePath: instancePath + "/objectives/latency/target",
                  schemaPath: "#/$defs/openFraction/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema64.type,
                  parentSchema: schema64,
                  data: data6,
                };
                if (vErrors === null) {
                  vErrors = [err21];
                } else {
                  vErrors.push(err21);
                }
                errors++;
              }
            }
          } else {
            const err22 = {
              instancePath: instancePath + "/objectives/latency",
              schemaPath: "#/properties/objectives/properties/latency/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema61.properties.objectives.properties.latency.type,
              parentSchema: schema61.properties.objectives.properties.latency,
              data: data3,
            };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          }
        }
        if (data2.availability !== undefined) {
          let data7 = data2.availability;
          if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
            if (data7.target === undefined) {
              const err23 = {
                instancePath: instancePath + "/objectives/availability",
                schemaPath: "#/properties/objectives/properties/availability/required",
                keyword: "required",
                params: { missingProperty: "target" },
                message: "must have required property '" + "target" + "'",
                schema: schema61.properties.objectives.properties.availability.required,
                parentSchema: schema61.properties.objectives.properties.availability,
                data: data7,
              };
              if (vErrors === null) {
                vErrors = [err23];
              } else {
                vErrors.push(err23);
              }
              errors++;
            }
            for (const key3 in data7) {
              if (!(key3 === "target")) {
                const err24 = {
                  instancePath: instancePath + "/objectives/availability",
                  schemaPath: "#/properties/objectives/properties/availability/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key3 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema61.properties.objectives.properties.availability,
                  data: data7,
                };
                if (vErrors === null) {
                  vErrors = [err24];
                } else {
                  vErrors.push(err24);
                }
                errors++;
              }
            }
            if (data7.target !== undefined) {
              let data8 = data7.target;
              if (typeof data8 == "number" && isFinite(data8)) {
                if (data8 >= 1 || isNaN(data8)) {
                  const err25 = {
                    instancePath: instancePath + "/objectives/availability/target",
                    schemaPath: "#/$defs/openFraction/exclusiveMaximum",
                    keyword: "exclusiveMaximum",
                    params: { comparison: "<", limit: 1 },
                    message: "must be < 1",
                    schema: 1,
                    parentSchema: schema64,
                    data: data8,
                  };
                  if (vErrors === null) {
                    vErrors = [err25];
                  } else {
                    vErrors.push(err25);
                  }
                  errors++;
                }
                if (data8 <= 0 || isNaN(data8)) {
                  const err26 = {
                    instancePath: instancePath + "/objectives/availability/target",
                    schemaPath: "#/$defs/openFraction/exclusiveMinimum",
                    keyword: "exclusiveMinimum",
                    params: { comparison: ">", limit: 0 },
                    message: "must be > 0",
                    schema: 0,
                    parentSchema: schema64,
                    data: data8,
                  };
                  if (vErrors === null) {
                    vErrors = [err26];
                  } else {
                    vErrors.push(err26);
                  }
                  errors++;
                }
              } else {
                const err27 = {
                  instancePath: instancePath + "/objectives/availability/target",
                  schemaPath: "#/$defs/openFraction/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema64.type,
                  parentSchema: schema64,
                  data: data8,
                };
                if (vErrors === null) {
                  vErrors = [err27];
                } else {
                  vErrors.push(err27);
                }
                errors++;
              }
            }
          } else {
            const err28 = {
              instancePath: instancePath + "/objectives/availability",
              schemaPath: "#/properties/objectives/properties/availability/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema61.properties.objectives.properties.availability.type,
              parentSchema: schema61.properties.objectives.properties.availability,
              data: data7,
            };
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
        }
        if (data2.error_rate !== undefined) {
          let data9 = data2.error_rate;
          if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
            if (data9.max === undefined) {
              const err29 = {
                instancePath: instancePath + "/objectives/error_rate",
                schemaPath: "#/properties/objectives/properties/error_rate/required",
                keyword: "required",
                params: { missingProperty: "max" },
                message: "must have required property '" + "max" + "'",
                schema: schema61.properties.objectives.properties.error_rate.required,
                parentSchema: schema61.properties.objectives.properties.error_rate,
                data: data9,
              };
              if (vErrors === null) {
                vErrors = [err29];
              } else {
                vErrors.push(err29);
              }
              errors++;
            }
            for (const key4 in data9) {
              if (!(key4 === "max")) {
                const err30 = {
                  instancePath: instancePath + "/objectives/error_rate",
                  schemaPath: "#/properties/objectives/properties/error_rate/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key4 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema61.properties.objectives.properties.error_rate,
                  data: data9,
                };
                if (vErrors === null) {
                  vErrors = [err30];
                } else {
                  vErrors.push(err30);
                }
                errors++;
              }
            }
            if (data9.max !== undefined) {
              let data10 = data9.max;
              if (typeof data10 == "number" && isFinite(data10)) {
                if (data10 > 1 || isNaN(data10)) {
                  const err31 = {
                    instancePath: instancePath + "/objectives/error_rate/max",
                    schemaPath: "#/$defs/fraction/maximum",
                    keyword: "maximum",
                    params: { comparison: "<=", limit: 1 },
                    message: "must be <= 1",
                    schema: 1,
                    parentSchema: schema67,
                    data: data10,
                  };
                  if (vErrors === null) {
                    vErrors = [err31];
                  } else {
                    vErrors.push(err31);
                  }
                  errors++;
                }
                if (data10 < 0 || isNaN(data10)) {
                  const err32 = {
                    instancePath: instancePath + "/objectives/error_rate/max",
                    schemaPath: "#/$defs/fraction/minimum",
                    keyword: "minimum",
                    params: { comparison: ">=", limit: 0 },
                    message: "must be >= 0",
                    schema: 0,
                    parentSchema: schema67,
                    data: data10,
                  };
                  if (vErrors === null) {
                    vErrors = [err32];
                  } else {
                    vErrors.push(err32);
                  }
                  errors++;
                }
              } else {
                const err33 = {
                  instancePath: instancePath + "/objectives/error_rate/max",
                  schemaPath: "#/$defs/fraction/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema67.type,
                  parentSchema: schema67,
                  data: data10,
                };
                if (vErrors === null) {
                  vErrors = [err33];
                } else {
                  vErrors.push(err33);
                }
                errors++;
              }
            }
          } else {
            const err34 = {
              instancePath: instancePath + "/objectives/error_rate",
              schemaPath: "#/properties/objectives/properties/error_rate/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema61.properties.objectives.properties.error_rate.type,
              parentSchema: schema61.properties.objectives.properties.error_rate,
              data: data9,
            };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
        }
        if (data2.quality !== undefined) {
          let data11 = data2.quality;
          if (data11 && typeof data11 == "object" && !Array.isArray(data11)) {
            if (data11.metric === undefined) {
              const err35 = {
                instancePath: instancePath + "/objectives/quality",
                schemaPath: "#/properties/objectives/properties/quality/required",
                keyword: "required",
                params: { missingProperty: "metric" },
                message: "must have required property '" + "metric" + "'",
                schema: schema61.properties.objectives.properties.quality.required,
                parentSchema: schema61.properties.objectives.properties.quality,
                data: data11,
              };
              if (vErrors === null) {
                vErrors = [err35];
              } else {
                vErrors.push(err35);
              }
              errors++;
            }
            for (const key5 in data11) {
              if (!(
                key5 === "metric" ||
                key5 === "min" ||
                key5 === "max" ||
                key5 === "window" ||
                key5 === "min_samples"
              )) {
                const err36 = {
                  instancePath: instancePath + "/objectives/quality",
                  schemaPath: "#/properties/objectives/properties/quality/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key5 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema61.properties.objectives.properties.quality,
                  data: data11,
                };
                if (vErrors === null) {
                  vErrors = [err36];
                } else {
                  vErrors.push(err36);
                }
                errors++;
              }
            }
            if (data11.metric !== undefined) {
              let data12 = data11.metric;
              if (typeof data12 === "string") {
                if (!pattern23.test(data12)) {
                  const err37 = {
                    instancePath: instancePath + "/objectives/quality/metric",
                    schemaPath: "#/properties/objectives/properties/quality/properties/metric/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" },
                    message: 'must match pattern "' + "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$" + '"',
                    schema: "^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$",
                    parentSchema: schema61.properties.objectives.properties.quality.properties.metric,
                    data: data12,
                  };
                  if (vErrors === null) {
                    vErrors = [err37];
                  } else {
                    vErrors.push(err37);
                  }
                  errors++;
                }
              } else {
                const err38 = {
                  instancePath: instancePath + "/objectives/quality/metric",
                  schemaPath: "#/properties/objectives/properties/quality/properties/metric/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema61.properties.objectives.properties.quality.properties.metric.type,
                  parentSchema: schema61.properties.objectives.properties.quality.properties.metric,
                  data: data12,
                };
                if (vErrors === null) {
                  vErrors = [err38];
                } else {
                  vErrors.push(err38);
                }
                errors++;
              }
            }
            if (data11.min !== undefined) {
              let data13 = data11.min;
              if (!(typeof data13 == "number" && isFinite(data13))) {
                const err39 = {
                  instancePath: instancePath + "/objectives/quality/min",
                  schemaPath: "#/properties/objectives/properties/quality/properties/min/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema61.properties.objectives.properties.quality.properties.min.type,
                  parentSchema: schema61.properties.objectives.properties.quality.properties.min,
                  data: data13,
                };
                if (vErrors === null) {
                  vErrors = [err39];
                } else {
                  vErrors.push(err39);
                }
                errors++;
              }
            }
            if (data11.max !== undefined) {
              let data14 = data11.max;
              if (!(typeof data14 == "number" && isFinite(data14))) {
                const err40 = {
                  instancePath: instancePath + "/objectives/quality/max",
                  schemaPath: "#/properties/objectives/properties/quality/properties/max/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema61.properties.objectives.properties.quality.properties.max.type,
                  parentSchema: schema61.properties.objectives.properties.quality.properties.max,
                  data: data14,
                };
                if (vErrors === null) {
                  vErrors = [err40];
                } else {
                  vErrors.push(err40);
                }
                errors++;
              }
            }
            if (data11.window !== undefined) {
              let data15 = data11.window;
              if (typeof data15 === "string") {
                if (!pattern37.test(data15)) {
                  const err41 = {
                    instancePath: instancePath + "/objectives/quality/window",
                    schemaPath: "#/$defs/duration/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[1-9][0-9]{0,5}(s|m|h|d|w)$" },
                    message: 'must match pattern "' + "^[1-9][0-9]{0,5}(s|m|h|d|w)$" + '"',
                    schema: "^[1-9][0-9]{0,5}(s|m|h|d|w)$",
                    parentSchema: schema63,
                    data: data15,
                  };
                  if (vErrors === null) {
                    vErrors = [err41];
                  } else {
                    vErrors.push(err41);
                  }
                  errors++;
                }
              } else {
                const err42 = {
                  instancePath: instancePath + "/objectives/quality/window",
                  schemaPath: "#/$defs/duration/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema63.type,
                  parentSchema: schema63,
                  data: data15,
                };
                if (vErrors === null) {
                  vErrors = [err42];
                } else {
                  vErrors.push(err42);
                }
                errors++;
              }
            }
            if (data11.min_samples !== undefined) {
              let data16 = data11.min_samples;
              if (!(typeof data16 == "number" && !(data16 % 1) && !isNaN(data16) && isFinite(data16))) {
                const err43 = {
                  instancePath: instancePath + "/objectives/quality/min_samples",
                  schemaPath: "#/properties/objectives/properties/quality/properties/min_samples/type",
                  keyword: "type",
                  params: { type: "integer" },
                  message: "must be integer",
                  schema: schema61.properties.objectives.properties.quality.properties.min_samples.type,
                  parentSchema: schema61.properties.objectives.properties.quality.properties.min_samples,
                  data: data16,
                };
                if (vErrors === null) {
                  vErrors = [err43];
                } else {
                  vErrors.push(err43);
                }
                errors++;
              }
              if (typeof data16 == "number" && isFinite(data16)) {
                if (data16 < 1 || isNaN(data16)) {
                  const err44 = {
                    instancePath: instancePath + "/objectives/quality/min_samples",
                    schemaPath: "#/properties/objectives/properties/quality/properties/min_samples/minimum",
                    keyword: "minimum",
                    params: { comparison: ">=", limit: 1 },
                    message: "must be >= 1",
                    schema: 1,
                    parentSchema: schema61.properties.objectives.properties.quality.properties.min_samples,
                    data: data16,
                  };
                  if (vErrors === null) {
                    vErrors = [err44];
                  } else {
                    vErrors.push(err44);
                  }
                  errors++;
                }
              }
            }
          } else {
            const err45 = {
              instancePath: instancePath + "/objectives/quality",
              schemaPath: "#/properties/objectives/properties/quality/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema61.properties.objectives.properties.quality.type,
              parentSchema: schema61.properties.objectives.properties.quality,
              data: data11,
            };
            if (vErrors === null) {
              vErrors = [err45];
            } else {
              vErrors.push(err45);
            }
            errors++;
          }
        }
        if (data2.drift !== undefined) {
          let data17 = data2.drift;
          if (data17 && typeof data17 == "object" && !Array.isArray(data17)) {
            for (const key6 in data17) {
              if (!(
                key6 === "psi_warn" ||
                key6 === "psi_alert" ||
                key6 === "p_value" ||
                key6 === "dataset_share"
              )) {
                const err46 = {
                  instancePath: instancePath + "/objectives/drift",
                  schemaPath: "#/properties/objectives/properties/drift/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key6 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema61.properties.objectives.properties.drift,
                  data: data17,
                };
                if (vErrors === null) {
                  vErrors = [err46];
                } else {
                  vErrors.push(err46);
                }
                errors++;
              }
            }
            if (data17.psi_warn !== undefined) {
              let data18 = data17.psi_warn;
              if (typeof data18 == "number" && isFinite(data18)) {
                if (data18 <= 0 || isNaN(data18)) {
                  const err47 = {
                    instancePath: instancePath + "/objectives/drift/psi_warn",
                    schemaPath:
                      "#/properties/objectives/properties/drift/properties/psi_warn/exclusiveMinimum",
                    keyword: "exclusiveMinimum",
                    params: { comparison: ">", limit: 0 },
                    message: "must be > 0",
                    schema: 0,
                    parentSchema: schema61.properties.objectives.properties.drift.properties.psi_warn,
                    data: data18,
                  };
                  if (vErrors === null) {
                    vErrors = [err47];
                  } else {
                    vErrors.push(err47);
                  }
                  errors++;
                }
              } else {
                const err48 = {
                  instancePath: instancePath + "/objectives/drift/psi_warn",
                  schemaPath: "#/properties/objectives/properties/drift/properties/psi_warn/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema61.properties.objectives.properties.drift.properties.psi_warn.type,
                  parentSchema: schema61.properties.objectives.properties.drift.properties.psi_warn,
                  data: data18,
                };
                if (vErrors === null) {
                  vErrors = [err48];
                } else {
                  vErrors.push(err48);
                }
                errors++;
              }
            }
            if (data17.psi_alert !== undefined) {
              let data19 = data17.psi_alert;
              if (typeof data19 == "number" && isFinite(data19)) {
                if (data19 <= 0 || isNaN(data19)) {
                  const err49 = {
                    instancePath: instancePath + "/objectives/drift/psi_alert",
                    schemaPath:
                      "#/properties/objectives/properties/drift/properties/psi_alert/exclusiveMinimum",
                    keyword: "exclusiveMinimum",
                    params: { comparison: ">", limit: 0 },
                    message: "must be > 0",
                    schema: 0,
                    parentSchema: schema61.properties.objectives.properties.drift.properties.psi_alert,
                    data: data19,
                  };
                  if (vErrors === null) {
                    vErrors = [err49];
                  } else {
                    vErrors.push(err49);
                  }
                  errors++;
                }
              } else {
                const err50 = {
                  instancePath: instancePath + "/objectives/drift/psi_alert",
                  schemaPath: "#/properties/objectives/properties/drift/properties/psi_alert/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema61.properties.objectives.properties.drift.properties.psi_alert.type,
                  parentSchema: schema61.properties.objectives.properties.drift.properties.psi_alert,
                  data: data19,
                };
                if (vErrors === null) {
                  vErrors = [err50];
                } else {
                  vErrors.push(err50);
                }
                errors++;
              }
            }
            if (data17.p_value !== undefined) {
              let data20 = data17.p_value;
              if (typeof data20 == "number" && isFinite(data20)) {
                if (data20 >= 1 || isNaN(data20)) {
                  const err51 = {
                    instancePath: instancePath + "/objectives/drift/p_value",
                    schemaPath: "#/$defs/openFraction/exclusiveMaximum",
                    keyword: "exclusiveMaximum",
                    params: { comparison: "<", limit: 1 },
                    message: "must be < 1",
                    schema: 1,
                    parentSchema: schema64,
                    data: data20,
                  };
                  if (vErrors === null) {
                    vErrors = [err51];
                  } else {
                    vErrors.push(err51);
                  }
                  errors++;
                }
                if (data20 <= 0 || isNaN(data20)) {
                  const err52 = {
                    instancePath: instancePath + "/objectives/drift/p_value",
                    schemaPath: "#/$defs/openFraction/exclusiveMinimum",
                    keyword: "exclusiveMinimum",
                    params: { comparison: ">", limit: 0 },
                    message: "must be > 0",
                    schema: 0,
                    parentSchema: schema64,
                    data: data20,
                  };
                  if (vErrors === null) {
                    vErrors = [err52];
                  } else {
                    vErrors.push(err52);
                  }
                  errors++;
                }
              } else {
                const err53 = {
                  instancePath: instancePath + "/objectives/drift/p_value",
                  schemaPath: "#/$defs/openFraction/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema64.type,
                  parentSchema: schema64,
                  data: data20,
                };
                if (vErrors === null) {
                  vErrors = [err53];
                } else {
                  vErrors.push(err53);
                }
                errors++;
              }
            }
            if (data17.dataset_share !== undefined) {
              let data21 = data17.dataset_share;
              if (typeof data21 == "number" && isFinite(data21)) {
                if (data21 > 1 || isNaN(data21)) {
                  const err54 = {
                    instancePath: instancePath + "/objectives/drift/dataset_share",
                    schemaPath: "#/$defs/fraction/maximum",
                    keyword: "maximum",
                    params: { comparison: "<=", limit: 1 },
                    message: "must be <= 1",
                    schema: 1,
                    parentSchema: schema67,
                    data: data21,
                  };
                  if (vErrors === null) {
                    vErrors = [err54];
                  } else {
                    vErrors.push(err54);
                  }
                  errors++;
                }
                if (data21 < 0 || isNaN(data21)) {
                  const err55 = {
                    instancePath: instancePath + "/objectives/drift/dataset_share",
                    schemaPath: "#/$defs/fraction/minimum",
                    keyword: "minimum",
                    params: { comparison: ">=", limit: 0 },
                    message: "must be >= 0",
                    schema: 0,
                    parentSchema: schema67,
                    data: data21,
                  };
                  if (vErrors === null) {
                    vErrors = [err55];
                  } else {
                    vErrors.push(err55);
                  }
                  errors++;
                }
              } else {
                const err56 = {
                  instancePath: instancePath + "/objectives/drift/dataset_share",
                  schemaPath: "#/$defs/fraction/type",
                  keyword: "type",
                  params: { type: "number" },
                  message: "must be number",
                  schema: schema67.type,
                  parentSchema: schema67,
                  data: data21,
                };
                if (vErrors === null) {
                  vErrors = [err56];
                } else {
                  vErrors.push(err56);
                }
                errors++;
              }
            }
          } else {
            const err57 = {
              instancePath: instancePath + "/objectives/drift",
              schemaPath: "#/properties/objectives/properties/drift/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema61.properties.objectives.properties.drift.type,
              parentSchema: schema61.properties.objectives.properties.drift,
              data: data17,
            };
            if (vErrors === null) {
              vErrors = [err57];
            } else {
              vErrors.push(err57);
            }
            errors++;
          }
        }
      } else {
        const err58 = {
          instancePath: instancePath + "/objectives",
          schemaPath: "#/properties/objectives/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema61.properties.objectives.type,
          parentSchema: schema61.properties.objectives,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err58];
        } else {
          vErrors.push(err58);
        }
        errors++;
      }
    }
    if (data.alerting !== undefined) {
      let data22 = data.alerting;
      if (data22 && typeof data22 == "object" && !Array.isArray(data22)) {
        for (const key7 in data22) {
          if (!(key7 === "burn_rates" || key7 === "min_events")) {
            const err59 = {
              instancePath: instancePath + "/alerting",
              schemaPath: "#/properties/alerting/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key7 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema61.properties.alerting,
              data: data22,
            };
            if (vErrors === null) {
              vErrors = [err59];
            } else {
              vErrors.push(err59);
            }
            errors++;
          }
        }
        if (data22.burn_rates !== undefined) {
          let data23 = data22.burn_rates;
          if (Array.isArray(data23)) {
            const len0 = data23.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data24 = data23[i0];
              if (data24 && typeof data24 == "object" && !Array.isArray(data24)) {
                if (data24.severity === undefined) {
                  const err60 = {
                    instancePath: instancePath + "/alerting/burn_rates/" + i0,
                    schemaPath: "#/properties/alerting/properties/burn_rates/items/required",
                    keyword: "required",
                    params: { missingProperty: "severity" },
                    message: "must have required property '" + "severity" + "'",
                    schema: schema61.properties.alerting.properties.burn_rates.items.required,
                    parentSchema: schema61.properties.alerting.properties.burn_rates.items,
                    data: data24,
                  };
                  if (vErrors === null) {
                    vErrors = [err60];
                  } else {
                    vErrors.push(err60);
                  }
                  errors++;
                }
                if (data24.long_window === undefined) {
                  const err61 = {
                    instancePath: instancePath + "/alerting/burn_rates/" + i0,
                    schemaPath: "#/properties/alerting/properties/burn_rates/items/required",
                    keyword: "required",
                    params: { missingProperty: "long_window" },
                    message: "must have required property '" + "long_window" + "'",
                    schema: schema61.properties.alerting.properties.burn_rates.items.required,
                    parentSchema: schema61.properties.alerting.properties.burn_rates.items,
                    data: data24,
                  };
                  if (vErrors === null) {
                    vErrors = [err61];
                  } else {
                    vErrors.push(err61);
                  }
                  errors++;
                }
                if (data24.short_window === undefined) {
                  const err62 = {
                    instancePath: instancePath + "/alerting/burn_rates/" + i0,
                    schemaPath: "#/properties/alerting/properties/burn_rates/items/required",
                    keyword: "required",
                    params: { missingProperty: "short_window" },
                    message: "must have required property '" + "short_window" + "'",
                    schema: schema61.properties.alerting.properties.burn_rates.items.required,
                    parentSchema: schema61.properties.alerting.properties.burn_rates.items,
                    data: data24,
                  };
                  if (vErrors === null) {
                    vErrors = [err62];
                  } else {
                    vErrors.push(err62);
                  }
                  errors++;
                }
                if (data24.factor === undefined) {
                  const err63 = {
                    instancePath: instancePath + "/alerting/burn_rates/" + i0,
                    schemaPath: "#/properties/alerting/properties/burn_rates/items/required",
                    keyword: "required",
                    params: { missingProperty: "factor" },
                    message: "must have required property '" + "factor" + "'",
                    schema: schema61.properties.alerting.properties.burn_rates.items.required,
                    parentSchema: schema61.properties.alerting.properties.burn_rates.items,
                    data: data24,
                  };
                  if (vErrors === null) {
                    vErrors = [err63];
                  } else {
                    vErrors.push(err63);
                  }
                  errors++;
                }
                for (const key8 in data24) {
                  if (!(
                    key8 === "severity" ||
                    key8 === "long_window" ||
                    key8 === "short_window" ||
                    key8 === "factor"
                  )) {
                    const err64 = {
                      instancePath: instancePath + "/alerting/burn_rates/" + i0,
                      schemaPath: "#/properties/alerting/properties/burn_rates/items/additionalProperties",
                      keyword: "additionalProperties",
                      params: { additionalProperty: key8 },
                      message: "must NOT have additional properties",
                      schema: false,
                      parentSchema: schema61.properties.alerting.properties.burn_rates.items,
                      data: data24,
                    };
                    if (vErrors === null) {
                      vErrors = [err64];
                    } else {
                      vErrors.push(err64);
                    }
                    errors++;
                  }
                }
                if (data24.severity !== undefined) {
                  let data25 = data24.severity;
                  if (!(data25 === "page" || data25 === "ticket")) {
                    const err65 = {
                      instancePath: instancePath + "/alerting/burn_rates/" + i0 + "/severity",
                      schemaPath:
                        "#/properties/alerting/properties/burn_rates/items/properties/severity/enum",
                      keyword: "enum",
                      params: {
                        allowedValues:
                          schema61.properties.alerting.properties.burn_rates.items.properties.severity.enum,
                      },
                      message: "must be equal to one of the allowed values",
                      schema:
                        schema61.properties.alerting.properties.burn_rates.items.properties.severity.enum,
                      parentSchema:
                        schema61.properties.alerting.properties.burn_rates.items.properties.severity,
                      data: data25,
                    };
                    if (vErrors === null) {
                      vErrors = [err65];
                    } else {
                      vErrors.push(err65);
                    }
                    errors++;
                  }
                }
                if (data24.long_window !== undefined) {
                  let data26 = data24.long_window;
                  if (typeof data26 === "string") {
                    if (!pattern37.test(data26)) {
                      const err66 = {
                        instancePath: instancePath + "/alerting/burn_rates/" + i0 + "/long_window",
                        schemaPath: "#/$defs/duration/pattern",
                        keyword: "pattern",
                        params: { pattern: "^[1-9][0-9]{0,5}(s|m|h|d|w)$" },
                        message: 'must match pattern "' + "^[1-9][0-9]{0,5}(s|m|h|d|w)$" + '"',
                        schema: "^[1-9][0-9]{0,5}(s|m|h|d|w)$",
                        parentSchema: schema63,
                        data: data26,
                      };
                      if (vErrors === null) {
                        vErrors = [err66];
                      } else {
                        vErrors.push(err66);
                      }
                      errors++;
                    }
                  } else {
                    const err67 = {
                      instancePath: instancePath + "/alerting/burn_rates/" + i0 + "/long_window",
                      schemaPath: "#/$defs/duration/type",
                      keyword: "type",
                      params: { type: "string" },
                      message: "must be string",
                      schema: schema63.type,
                      parentSchema: schema63,
                      data: data26,
                    };
                    if (vErrors === null) {
                      vErrors = [err67];
                    } else {
                      vErrors.push(err67);
                    }
                    errors++;
                  }
                }
                if (data24.short_window !== undefined) {
                  let data27 = data24.short_window;
                  if (typeof data27 === "string") {
                    if (!pattern37.test(data27)) {
                      const err68 = {
                        instancePath: instancePath + "/alerting/burn_rates/" + i0 + "/short_window",
                        schemaPath: "#/$defs/duration/pattern",
                        keyword: "pattern",
                        params: { pattern: "^[1-9][0-9]{0,5}(s|m|h|d|w)$" },
                        message: 'must match pattern "' + "^[1-9][0-9]{0,5}(s|m|h|d|w)$" + '"',
                        schema: "^[1-9][0-9]{0,5}(s|m|h|d|w)$",
                        parentSchema: schema63,
                        data: data27,
                      };
                      if (vErrors === null) {
                        vErrors = [err68];
                      } else {
                        vErrors.push(err68);
                      }
                      errors++;
                    }
                  } else {
                    const err69 = {
                      instancePath: instancePath + "/alerting/burn_rates/" + i0 + "/short_window",
                      schemaPath: "#/$defs/duration/type",
                      keyword: "type",
                      params: { type: "string" },
                      message: "must be string",
                      schema: schema63.type,
                      parentSchema: schema63,
                      data: data27,
                    };
                    if (vErrors === null) {
                      vErrors = [err69];
                    } else {
                      vErrors.push(err69);
                    }
                    errors++;
                  }
                }
                if (data24.factor !== undefined) {
                  let data28 = data24.factor;
                  if (typeof data28 == "number" && isFinite(data28)) {
                    if (data28 <= 0 || isNaN(data28)) {
                      const err70 = {
                        instancePath: instancePath + "/alerting/burn_rates/" + i0 + "/factor",
                        schemaPath:
                          "#/properties/alerting/properties/burn_rates/items/properties/factor/exclusiveMinimum",
                        keyword: "exclusiveMinimum",
                        params: { comparison: ">", limit: 0 },
                        message: "must be > 0",
                        schema: 0,
                        parentSchema:
                          schema61.properties.alerting.properties.burn_rates.items.properties.factor,
                        data: data28,
                      };
                      if (vErrors === null) {
                        vErrors = [err70];
                      } else {
                        vErrors.push(err70);
                      }
                      errors++;
                    }
                  } else {
                    const err71 = {
                      instancePath: instancePath + "/alerting/burn_rates/" + i0 + "/factor",
                      schemaPath: "#/properties/alerting/properties/burn_rates/items/properties/factor/type",
                      keyword: "type",
                      params: { type: "number" },
                      message: "must be number",
                      schema: schema61.properties.alerting.properties.burn_rates.items.properties.factor.type,
                      parentSchema:
                        schema61.properties.alerting.properties.burn_rates.items.properties.factor,
                      data: data28,
                    };
                    if (vErrors === null) {
                      vErrors = [err71];
                    } else {
                      vErrors.push(err71);
                    }
                    errors++;
                  }
                }
              } else {
                const err72 = {
                  instancePath: instancePath + "/alerting/burn_rates/" + i0,
                  schemaPath: "#/properties/alerting/properties/burn_rates/items/type",
                  keyword: "type",
                  params: { type: "object" },
                  message: "must be object",
                  schema: schema61.properties.alerting.properties.burn_rates.items.type,
                  parentSchema: schema61.properties.alerting.properties.burn_rates.items,
                  data: data24,
                };
                if (vErrors === null) {
                  vErrors = [err72];
                } else {
                  vErrors.push(err72);
                }
                errors++;
              }
            }
          } else {
            const err73 = {
              instancePath: instancePath + "/alerting/burn_rates",
              schemaPath: "#/properties/alerting/properties/burn_rates/type",
              keyword: "type",
              params: { type: "array" },
              message: "must be array",
              schema: schema61.properties.alerting.properties.burn_rates.type,
              parentSchema: schema61.properties.alerting.properties.burn_rates,
              data: data23,
            };
            if (vErrors === null) {
              vErrors = [err73];
            } else {
              vErrors.push(err73);
            }
            errors++;
          }
        }
        if (data22.min_events !== undefined) {
          let data29 = data22.min_events;
          if (!(typeof data29 == "number" && !(data29 % 1) && !isNaN(data29) && isFinite(data29))) {
            const err74 = {
              instancePath: instancePath + "/alerting/min_events",
              schemaPath: "#/properties/alerting/properties/min_events/type",
              keyword: "type",
              params: { type: "integer" },
              message: "must be integer",
              schema: schema61.properties.alerting.properties.min_events.type,
              parentSchema: schema61.properties.alerting.properties.min_events,
              data: data29,
            };
            if (vErrors === null) {
              vErrors = [err74];
            } else {
              vErrors.push(err74);
            }
            errors++;
          }
          if (typeof data29 == "number" && isFinite(data29)) {
            if (data29 < 0 || isNaN(data29)) {
              const err75 = {
                instancePath: instancePath + "/alerting/min_events",
                schemaPath: "#/properties/alerting/properties/min_events/minimum",
                keyword: "minimum",
                params: { comparison: ">=", limit: 0 },
                message: "must be >= 0",
                schema: 0,
                parentSchema: schema61.properties.alerting.properties.min_events,
                data: data29,
              };
              if (vErrors === null) {
                vErrors = [err75];
              } else {
                vErrors.push(err75);
              }
              errors++;
            }
          }
        }
      } else {
        const err76 = {
          instancePath: instancePath + "/alerting",
          schemaPath: "#/properties/alerting/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema61.properties.alerting.type,
          parentSchema: schema61.properties.alerting,
          data: data22,
        };
        if (vErrors === null) {
          vErrors = [err76];
        } else {
          vErrors.push(err76);
        }
        errors++;
      }
    }
    if (data.retrain_after_days !== undefined) {
      let data30 = data.retrain_after_days;
      if (!(typeof data30 == "number" && !(data30 % 1) && !isNaN(data30) && isFinite(data30))) {
        const err77 = {
          instancePath: instancePath + "/retrain_after_days",
          schemaPath: "#/properties/retrain_after_days/type",
          keyword: "type",
          params: { type: "integer" },
          message: "must be integer",
          schema: schema61.properties.retrain_after_days.type,
          parentSchema: schema61.properties.retrain_after_days,
          data: data30,
        };
        if (vErrors === null) {
          vErrors = [err77];
        } else {
          vErrors.push(err77);
        }
        errors++;
      }
      if (typeof data30 == "number" && isFinite(data30)) {
        if (data30 > 3650 || isNaN(data30)) {
          const err78 = {
            instancePath: instancePath + "/retrain_after_days",
            schemaPath: "#/properties/retrain_after_days/maximum",
            keyword: "maximum",
            params: { comparison: "<=", limit: 3650 },
            message: "must be <= 3650",
            schema: 3650,
            parentSchema: schema61.properties.retrain_after_days,
            data: data30,
          };
          if (vErrors === null) {
            vErrors = [err78];
          } else {
            vErrors.push(err78);
          }
          errors++;
        }
        if (data30 < 1 || isNaN(data30)) {
          const err79 = {
            instancePath: instancePath + "/retrain_after_days",
            schemaPath: "#/properties/retrain_after_days/minimum",
            keyword: "minimum",
            params: { comparison: ">=", limit: 1 },
            message: "must be >= 1",
            schema: 1,
            parentSchema: schema61.properties.retrain_after_days,
            data: data30,
          };
          if (vErrors === null) {
            vErrors = [err79];
          } else {
            vErrors.push(err79);
          }
          errors++;
        }
      }
    }
  } else {
    const err80 = {
      instancePath,
      schemaPath: "#/type",
      keyword: "type",
      params: { type: "object" },
      message: "must be object",
      schema: schema61.type,
      parentSchema: schema61,
      data,
    };
    if (vErrors === null) {
      vErrors = [err80];
    } else {
      vErrors.push(err80);
    }
    errors++;
  }
  validate27.errors = vErrors;
  return errors === 0;
}
validate27.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
export const environment = validate28;
const schema73 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelgate.dev/schemas/environment.schema.json",
  title: "environments/<env>.yaml — what serves in an environment",
  description:
    "Which model versions serve in one environment, with traffic weights (stable/canary) and optional shadow traffic.",
  type: "object",
  additionalProperties: false,
  required: ["name", "models"],
  properties: {
    name: {
      description: "Environment name; must equal the file name and be declared in modelgate.yaml.",
      $ref: "#/$defs/name",
    },
    models: {
      description: "Model name -> how it serves here.",
      type: "object",
      propertyNames: { $ref: "#/$defs/name" },
      additionalProperties: {
        description: "How this model serves in this environment.",
        type: "object",
        additionalProperties: false,
        required: ["traffic"],
        properties: {
          traffic: {
            description:
              "Versions answering requests; weights are integers summing to 100, at most one canary.",
            type: "array",
            minItems: 1,
            items: {
              type: "object",
              additionalProperties: false,
              required: ["version", "weight"],
              properties: {
                version: {
                  description: "A version of this model (models/<model>/versions/<version>.yaml).",
                  $ref: "#/$defs/semver",
                },
                weight: {
                  description: "Percentage of requests, an integer 0-100.",
                  type: "integer",
                  minimum: 0,
                  maximum: 100,
                },
                role: { description: "stable (default) or canary.", enum: ["stable", "canary"] },
              },
            },
          },
          shadow: {
            description: "A version that receives a copy of requests and never answers.",
            type: "object",
            additionalProperties: false,
            required: ["version", "percent"],
            properties: {
              version: { description: "The shadow version (must exist).", $ref: "#/$defs/semver" },
              percent: {
                description: "Percentage of requests mirrored, an integer 0-100.",
                type: "integer",
                minimum: 0,
                maximum: 100,
              },
            },
          },
          validation: {
            description: "reject (400 on contract violations, default) or log (pass and count).",
            enum: ["reject", "log"],
          },
          batching: {
            description:
              "Dynamic batching of concurrent requests (merged along the first dimension, which must be the batch dimension). Requests that arrive while every worker is busy leave together as one run.",
            type: "object",
            additionalProperties: false,
            required: ["max_batch_size"],
            properties: {
              max_batch_size: {
                description: "Largest batch, in rows.",
                type: "integer",
                minimum: 1,
                maximum: 4096,
              },
              max_queue_delay_ms: {
                description:
                  "Longest a request waits for a busy worker before it is sent anyway, in ms. Leave it out to wait for the run in flight (fewest runs; a request never waits while a worker is free).",
                type: "number",
                minimum: 0,
                maximum: 1000,
              },
            },
          },
          intra_op_threads: {
            description: "ONNX Runtime intra-op threads per session.",
            type: "integer",
            minimum: 1,
            maximum: 256,
          },
          decision_policy: {
            description: "Name of a decision policy applied to this model's outputs.",
            $ref: "#/$defs/name",
          },
        },
      },
    },
  },
  $defs: {
    name: { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" },
    semver: {
      type: "string",
      pattern:
        "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
    },
  },
};
const schema74 = { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" };
const schema76 = {
  type: "string",
  pattern:
    "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
};
function validate28(
  data,
  { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://modelgate.dev/schemas/environment.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate28.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "name" },
        message: "must have required property '" + "name" + "'",
        schema: schema73.required,
        parentSchema: schema73,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.models === undefined) {
      const err1 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "models" },
        message: "must have required property '" + "models" + "'",
        schema: schema73.required,
        parentSchema: schema73,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "models")) {
        const err2 = {
          instancePath,
          schemaPath: "#/additionalProperties",
          keyword: "additionalProperties",
          params: { additionalProperty: key0 },
          message: "must NOT have additional properties",
          schema: false,
          parentSchema: schema73,
          data,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === "string") {
        if (!pattern4.test(data0)) {
          const err3 = {
            instancePath: instancePath + "/name",
            schemaPath: "#/$defs/name/pattern",
            keyword: "pattern",
            params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
            message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
            schema: "^[a-z][a-z0-9-]{0,62}$",
            parentSchema: schema74,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + "/name",
          schemaPath: "#/$defs/name/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema74.type,
          parentSchema: schema74,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.models !== undefined) {
      let data1 = data.models;
      if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
        for (const key1 in data1) {
          const _errs7 = errors;
          if (typeof key1 === "string") {
            if (!pattern4.test(key1)) {
              const err5 = {
                instancePath: instancePath + "/models",
                schemaPath: "#/$defs/name/pattern",
                keyword: "pattern",
                params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
                message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
                schema: "^[a-z][a-z0-9-]{0,62}$",
                parentSchema: schema74,
                data: key1,
                propertyName: key1,
              };
              if (vErrors === null) {
                vErrors = [err5];
              } else {
                vErrors.push(err5);
              }
              errors++;
            }
          } else {
            const err6 = {
              instancePath: instancePath + "/models",
              schemaPath: "#/$defs/name/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema74.type,
              parentSchema: schema74,
              data: key1,
              propertyName: key1,
            };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
          var valid2 = _errs7 === errors;
          if (!valid2) {
            const err7 = {
              instancePath: instancePath + "/models",
              schemaPath: "#/properties/models/propertyNames",
              keyword: "propertyNames",
              params: { propertyName: key1 },
              message: "property name must be valid",
              schema: schema73.properties.models.propertyNames,
              parentSchema: schema73.properties.models,
              data: data1,
            };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        for (const key2 in data1) {
          let data2 = data1[key2];
          if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
            if (data2.traffic === undefined) {
              const err8 = {
                instancePath: instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),
                schemaPath: "#/properties/models/additionalProperties/required",
                keyword: "required",
                params: { missingProperty: "traffic" },
                message: "must have required property '" + "traffic" + "'",
                schema: schema73.properties.models.additionalProperties.required,
                parentSchema: schema73.properties.models.additionalProperties,
                data: data2,
              };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
            for (const key3 in data2) {
              if (!(
                key3 === "traffic" ||
                key3 === "shadow" ||
                key3 === "validation" ||
                key3 === "batching" ||
                key3 === "intra_op_threads" ||
                key3 === "decision_policy"
              )) {
                const err9 = {
                  instancePath: instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),
                  schemaPath: "#/properties/models/additionalProperties/additionalProperties",
                  keyword: "additionalProperties",
                  params: { additionalProperty: key3 },
                  message: "must NOT have additional properties",
                  schema: false,
                  parentSchema: schema73.properties.models.additionalProperties,
                  data: data2,
                };
                if (vErrors === null) {
                  vErrors = [err9];
                } else {
                  vErrors.push(err9);
                }
                errors++;
              }
            }
            if (data2.traffic !== undefined) {
              let data3 = data2.traffic;
              if (Array.isArray(data3)) {
                if (data3.length < 1) {
                  const err10 = {
                    instancePath:
                      instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/traffic",
                    schemaPath: "#/properties/models/additionalProperties/properties/traffic/minItems",
                    keyword: "minItems",
                    params: { limit: 1 },
                    message: "must NOT have fewer than 1 items",
                    schema: 1,
                    parentSchema: schema73.properties.models.additionalProperties.properties.traffic,
                    data: data3,
                  };
                  if (vErrors === null) {
                    vErrors = [err10];
                  } else {
                    vErrors.push(err10);
                  }
                  errors++;
                }
                const len0 = data3.length;
                for (let i0 = 0; i0 < len0; i0++) {
                  let data4 = data3[i0];
                  if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
                    if (data4.version === undefined) {
                      const err11 = {
                        instancePath:
                          instancePath +
                          "/models/" +
                          key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/traffic/" +
                          i0,
                        schemaPath:
                          "#/properties/models/additionalProperties/properties/traffic/items/required",
                        keyword: "required",
                        params: { missingProperty: "version" },
                        message: "must have required property '" + "version" + "'",
                        schema:
                          schema73.properties.models.additionalProperties.properties.traffic.items.required,
                        parentSchema:
                          schema73.properties.models.additionalProperties.properties.traffic.items,
                        data: data4,
                      };
                      if (vErrors === null) {
                        vErrors = [err11];
                      } else {
                        vErrors.push(err11);
                      }
                      errors++;
                    }
                    if (data4.weight === undefined) {
                      const err12 = {
                        instancePath:
                          instancePath +
                          "/models/" +
                          key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/traffic/" +
                          i0,
                        schemaPath:
                          "#/properties/models/additionalProperties/properties/traffic/items/required",
                        keyword: "required",
                        params: { missingProperty: "weight" },
                        message: "must have required property '" + "weight" + "'",
                        schema:
                          schema73.properties.models.additionalProperties.properties.traffic.items.required,
                        parentSchema:
                          schema73.properties.models.additionalProperties.properties.traffic.items,
                        data: data4,
                      };
                      if (vErrors === null) {
                        vErrors = [err12];
                      } else {
                        vErrors.push(err12);
                      }
                      errors++;
                    }
                    for (const key4 in data4) {
                      if (!(key4 === "version" || key4 === "weight" || key4 === "role")) {
                        const err13 = {
                          instancePath:
                            instancePath +
                            "/models/" +
                            key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/traffic/" +
                            i0,
                          schemaPath:
                            "#/properties/models/additionalProperties/properties/traffic/items/additionalProperties",
                          keyword: "additionalProperties",
                          params: { additionalProperty: key4 },
                          message: "must NOT have additional properties",
                          schema: false,
                          parentSchema:
                            schema73.properties.models.additionalProperties.properties.traffic.items,
                          data: data4,
                        };
                        if (vErrors === null) {
                          vErrors = [err13];
                        } else {
                          vErrors.push(err13);
                        }
                        errors++;
                      }
                    }
                    if (data4.version !== undefined) {
                      let data5 = data4.version;
                      if (typeof data5 === "string") {
                        if (!pattern19.test(data5)) {
                          const err14 = {
                            instancePath:
                              instancePath +
                              "/models/" +
                              key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/traffic/" +
                              i0 +
                              "/version",
                            schemaPath: "#/$defs/semver/pattern",
                            keyword: "pattern",
                            params: {
                              pattern:
                                "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
                            },
                            message:
                              'must match pattern "' +
                              "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$" +
                              '"',
                            schema:
                              "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
                            parentSchema: schema76,
                            data: data5,
                          };
                          if (vErrors === null) {
                            vErrors = [err14];
                          } else {
                            vErrors.push(err14);
                          }
                          errors++;
                        }
                      } else {
                        const err15 = {
                          instancePath:
                            instancePath +
                            "/models/" +
                            key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/traffic/" +
                            i0 +
                            "/version",
                          schemaPath: "#/$defs/semver/type",
                          keyword: "type",
                          params: { type: "string" },
                          message: "must be string",
                          schema: schema76.type,
                          parentSchema: schema76,
                          data: data5,
                        };
                        if (vErrors === null) {
                          vErrors = [err15];
                        } else {
                          vErrors.push(err15);
                        }
                        errors++;
                      }
                    }
                    if (data4.weight !== undefined) {
                      let data6 = data4.weight;
                      if (!(typeof data6 == "number" && !(data6 % 1) && !isNaN(data6) && isFinite(data6))) {
                        const err16 = {
                          instancePath:
                            instancePath +
                            "/models/" +
                            key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/traffic/" +
                            i0 +
                            "/weight",
                          schemaPath:
                            "#/properties/models/additionalProperties/properties/traffic/items/properties/weight/type",
                          keyword: "type",
                          params: { type: "integer" },
                          message: "must be integer",
                          schema:
                            schema73.properties.models.additionalProperties.properties.traffic.items
                              .properties.weight.type,
                          parentSchema:
                            schema73.properties.models.additionalProperties.properties.traffic.items
                              .properties.weight,
                          data: data6,
                        };
                        if (vErrors === null) {
                          vErrors = [err16];
                        } else {
                          vErrors.push(err16);
                        }
                        errors++;
                      }
                      if (typeof data6 == "number" && isFinite(data6)) {
                        if (data6 > 100 || isNaN(data6)) {
                          const err17 = {
                            instancePath:
                              instancePath +
                              "/models/" +
                              key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/traffic/" +
                              i0 +
                              "/weight",
                            schemaPath:
                              "#/properties/models/additionalProperties/properties/traffic/items/properties/weight/maximum",
                            keyword: "maximum",
                            params: { comparison: "<=", limit: 100 },
                            message: "must be <= 100",
                            schema: 100,
                            parentSchema:
                              schema73.properties.models.additionalProperties.properties.traffic.items
                                .properties.weight,
                            data: data6,
                          };
                          if (vErrors === null) {
                            vErrors = [err17];
                          } else {
                            vErrors.push(err17);
                          }
                          errors++;
                        }
                        if (data6 < 0 || isNaN(data6)) {
                          const err18 = {
                            instancePath:
                              instancePath +
                              "/models/" +
                              key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                              "/traffic/" +
                              i0 +
                              "/weight",
                            schemaPath:
                              "#/properties/models/additionalProperties/properties/traffic/items/properties/weight/minimum",
                            keyword: "minimum",
                            params: { comparison: ">=", limit: 0 },
                            message: "must be >= 0",
                            schema: 0,
                            parentSchema:
                              schema73.properties.models.additionalProperties.properties.traffic.items
                                .properties.weight,
                            data: data6,
                          };
                          if (vErrors === null) {
                            vErrors = [err18];
                          } else {
                            vErrors.push(err18);
                          }
                          errors++;
                        }
                      }
                    }
                    if (data4.role !== undefined) {
                      let data7 = data4.role;
                      if (!(data7 === "stable" || data7 === "canary")) {
                        const err19 = {
                          instancePath:
                            instancePath +
                            "/models/" +
                            key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                            "/traffic/" +
                            i0 +
                            "/role",
                          schemaPath:
                            "#/properties/models/additionalProperties/properties/traffic/items/properties/role/enum",
                          keyword: "enum",
                          params: {
                            allowedValues:
                              schema73.properties.models.additionalProperties.properties.traffic.items
                                .properties.role.enum,
                          },
                          message: "must be equal to one of the allowed values",
                          schema:
                            schema73.properties.models.additionalProperties.properties.traffic.items
                              .properties.role.enum,
                          parentSchema:
                            schema73.properties.models.additionalProperties.properties.traffic.items
                              .properties.role,
                          data: data7,
                        };
                        if (vErrors === null) {
                          vErrors = [err19];
                        } else {
                          vErrors.push(err19);
                        }
                        errors++;
                      }
                    }
                  } else {
                    const err20 = {
                      instancePath:
                        instancePath +
                        "/models/" +
                        key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/traffic/" +
                        i0,
                      schemaPath: "#/properties/models/additionalProperties/properties/traffic/items/type",
                      keyword: "type",
                      params: { type: "object" },
                      message: "must be object",
                      schema: schema73.properties.models.additionalProperties.properties.traffic.items.type,
                      parentSchema: schema73.properties.models.additionalProperties.properties.traffic.items,
                      data: data4,
                    };
                    if (vErrors === null) {
                      vErrors = [err20];
                    } else {
                      vErrors.push(err20);
                    }
                    errors++;
                  }
                }
              } else {
                const err21 = {
                  instancePath:
                    instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/traffic",
                  schemaPath: "#/properties/models/additionalProperties/properties/traffic/type",
                  keyword: "type",
                  params: { type: "array" },
                  message: "must be array",
                  schema: schema73.properties.models.additionalProperties.properties.traffic.type,
                  parentSchema: schema73.properties.models.additionalProperties.properties.traffic,
                  data: data3,
                };
                if (vErrors === null) {
                  vErrors = [err21];
                } else {
                  vErrors.push(err21);
                }
                errors++;
              }
            }
            if (data2.shadow !== undefined) {
              let data8 = data2.shadow;
              if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
                if (data8.version === undefined) {
                  const err22 = {
                    instancePath:
                      instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/shadow",
                    schemaPath: "#/properties/models/additionalProperties/properties/shadow/required",
                    keyword: "required",
                    params: { missingProperty: "version" },
                    message: "must have required property '" + "version" + "'",
                    schema: schema73.properties.models.additionalProperties.properties.shadow.required,
                    parentSchema: schema73.properties.models.additionalProperties.properties.shadow,
                    data: data8,
                  };
                  if (vErrors === null) {
                    vErrors = [err22];
                  } else {
                    vErrors.push(err22);
                  }
                  errors++;
                }
                if (data8.percent === undefined) {
                  const err23 = {
                    instancePath:
                      instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/shadow",
                    schemaPath: "#/properties/models/additionalProperties/properties/shadow/required",
                    keyword: "required",
                    params: { missingProperty: "percent" },
                    message: "must have required property '" + "percent" + "'",
                    schema: schema73.properties.models.additionalProperties.properties.shadow.required,
                    parentSchema: schema73.properties.models.additionalProperties.properties.shadow,
                    data: data8,
                  };
                  if (vErrors === null) {
                    vErrors = [err23];
                  } else {
                    vErrors.push(err23);
                  }
                  errors++;
                }
                for (const key5 in data8) {
                  if (!(key5 === "version" || key5 === "percent")) {
                    const err24 = {
                      instancePath:
                        instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/shadow",
                      schemaPath:
                        "#/properties/models/additionalProperties/properties/shadow/additionalProperties",
                      keyword: "additionalProperties",
                      params: { additionalProperty: key5 },
                      message: "must NOT have additional properties",
                      schema: false,
                      parentSchema: schema73.properties.models.additionalProperties.properties.shadow,
                      data: data8,
                    };
                    if (vErrors === null) {
                      vErrors = [err24];
                    } else {
                      vErrors.push(err24);
                    }
                    errors++;
                  }
                }
                if (data8.version !== undefined) {
                  let data9 = data8.version;
                  if (typeof data9 === "string") {
                    if (!pattern19.test(data9)) {
                      const err25 = {
                        instancePath:
                          instancePath +
                          "/models/" +
                          key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/shadow/version",
                        schemaPath: "#/$defs/semver/pattern",
                        keyword: "pattern",
                        params: {
                          pattern:
                            "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
                        },
                        message:
                          'must match pattern "' +
                          "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$" +
                          '"',
                        schema:
                          "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
                        parentSchema: schema76,
                        data: data9,
                      };
                      if (vErrors === null) {
                        vErrors = [err25];
                      } else {
                        vErrors.push(err25);
                      }
                      errors++;
                    }
                  } else {
                    const err26 = {
                      instancePath:
                        instancePath +
                        "/models/" +
                        key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/shadow/version",
                      schemaPath: "#/$defs/semver/type",
                      keyword: "type",
                      params: { type: "string" },
                      message: "must be string",
                      schema: schema76.type,
                      parentSchema: schema76,
                      data: data9,
                    };
                    if (vErrors === null) {
                      vErrors = [err26];
                    } else {
                      vErrors.push(err26);
                    }
                    errors++;
                  }
                }
                if (data8.percent !== undefined) {
                  let data10 = data8.percent;
                  if (!(typeof data10 == "number" && !(data10 % 1) && !isNaN(data10) && isFinite(data10))) {
                    const err27 = {
                      instancePath:
                        instancePath +
                        "/models/" +
                        key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/shadow/percent",
                      schemaPath:
                        "#/properties/models/additionalProperties/properties/shadow/properties/percent/type",
                      keyword: "type",
                      params: { type: "integer" },
                      message: "must be integer",
                      schema:
                        schema73.properties.models.additionalProperties.properties.shadow.properties.percent
                          .type,
                      parentSchema:
                        schema73.properties.models.additionalProperties.properties.shadow.properties.percent,
                      data: data10,
                    };
                    if (vErrors === null) {
                      vErrors = [err27];
                    } else {
                      vErrors.push(err27);
                    }
                    errors++;
                  }
                  if (typeof data10 == "number" && isFinite(data10)) {
                    if (data10 > 100 || isNaN(data10)) {
                      const err28 = {
                        instancePath:
                          instancePath +
                          "/models/" +
                          key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/shadow/percent",
                        schemaPath:
                          "#/properties/models/additionalProperties/properties/shadow/properties/percent/maximum",
                        keyword: "maximum",
                        params: { comparison: "<=", limit: 100 },
                        message: "must be <= 100",
                        schema: 100,
                        parentSchema:
                          schema73.properties.models.additionalProperties.properties.shadow.properties
                            .percent,
                        data: data10,
                      };
                      if (vErrors === null) {
                        vErrors = [err28];
                      } else {
                        vErrors.push(err28);
                      }
                      errors++;
                    }
                    if (data10 < 0 || isNaN(data10)) {
                      const err29 = {
                        instancePath:
                          instancePath +
                          "/models/" +
                          key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/shadow/percent",
                        schemaPath:
                          "#/properties/models/additionalProperties/properties/shadow/properties/percent/minimum",
                        keyword: "minimum",
                        params: { comparison: ">=", limit: 0 },
                        message: "must be >= 0",
                        schema: 0,
                        parentSchema:
                          schema73.properties.models.additionalProperties.properties.shadow.properties
                            .percent,
                        data: data10,
                      };
                      if (vErrors === null) {
                        vErrors = [err29];
                      } else {
                        vErrors.push(err29);
                      }
                      errors++;
                    }
                  }
                }
              } else {
                const err30 = {
                  instancePath:
                    instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/shadow",
                  schemaPath: "#/properties/models/additionalProperties/properties/shadow/type",
                  keyword: "type",
                  params: { type: "object" },
                  message: "must be object",
                  schema: schema73.properties.models.additionalProperties.properties.shadow.type,
                  parentSchema: schema73.properties.models.additionalProperties.properties.shadow,
                  data: data8,
                };
                if (vErrors === null) {
                  vErrors = [err30];
                } else {
                  vErrors.push(err30);
                }
                errors++;
              }
            }
            if (data2.validation !== undefined) {
              let data11 = data2.validation;
              if (!(data11 === "reject" || data11 === "log")) {
                const err31 = {
                  instancePath:
                    instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/validation",
                  schemaPath: "#/properties/models/additionalProperties/properties/validation/enum",
                  keyword: "enum",
                  params: {
                    allowedValues: schema73.properties.models.additionalProperties.properties.validation.enum,
                  },
                  message: "must be equal to one of the allowed values",
                  schema: schema73.properties.models.additionalProperties.properties.validation.enum,
                  parentSchema: schema73.properties.models.additionalProperties.properties.validation,
                  data: data11,
                };
                if (vErrors === null) {
                  vErrors = [err31];
                } else {
                  vErrors.push(err31);
                }
                errors++;
              }
            }
            if (data2.batching !== undefined) {
              let data12 = data2.batching;
              if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                if (data12.max_batch_size === undefined) {
                  const err32 = {
                    instancePath:
                      instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/batching",
                    schemaPath: "#/properties/models/additionalProperties/properties/batching/required",
                    keyword: "required",
                    params: { missingProperty: "max_batch_size" },
                    message: "must have required property '" + "max_batch_size" + "'",
                    schema: schema73.properties.models.additionalProperties.properties.batching.required,
                    parentSchema: schema73.properties.models.additionalProperties.properties.batching,
                    data: data12,
                  };
                  if (vErrors === null) {
                    vErrors = [err32];
                  } else {
                    vErrors.push(err32);
                  }
                  errors++;
                }
                for (const key6 in data12) {
                  if (!(key6 === "max_batch_size" || key6 === "max_queue_delay_ms")) {
                    const err33 = {
                      instancePath:
                        instancePath +
                        "/models/" +
                        key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/batching",
                      schemaPath:
                        "#/properties/models/additionalProperties/properties/batching/additionalProperties",
                      keyword: "additionalProperties",
                      params: { additionalProperty: key6 },
                      message: "must NOT have additional properties",
                      schema: false,
                      parentSchema: schema73.properties.models.additionalProperties.properties.batching,
                      data: data12,
                    };
                    if (vErrors === null) {
                      vErrors = [err33];
                    } else {
                      vErrors.push(err33);
                    }
                    errors++;
                  }
                }
                if (data12.max_batch_size !== undefined) {
                  let data13 = data12.max_batch_size;
                  if (!(typeof data13 == "number" && !(data13 % 1) && !isNaN(data13) && isFinite(data13))) {
                    const err34 = {
                      instancePath:
                        instancePath +
                        "/models/" +
                        key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/batching/max_batch_size",
                      schemaPath:
                        "#/properties/models/additionalProperties/properties/batching/properties/max_batch_size/type",
                      keyword: "type",
                      params: { type: "integer" },
                      message: "must be integer",
                      schema:
                        schema73.properties.models.additionalProperties.properties.batching.properties
                          .max_batch_size.type,
                      parentSchema:
                        schema73.properties.models.additionalProperties.properties.batching.properties
                          .max_batch_size,
                      data: data13,
                    };
                    if (vErrors === null) {
                      vErrors = [err34];
                    } else {
                      vErrors.push(err34);
                    }
                    errors++;
                  }
                  if (typeof data13 == "number" && isFinite(data13)) {
                    if (data13 > 4096 || isNaN(data13)) {
                      const err35 = {
                        instancePath:
                          instancePath +
                          "/models/" +
                          key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/batching/max_batch_size",
                        schemaPath:
                          "#/properties/models/additionalProperties/properties/batching/properties/max_batch_size/maximum",
                        keyword: "maximum",
                        params: { comparison: "<=", limit: 4096 },
                        message: "must be <= 4096",
                        schema: 4096,
                        parentSchema:
                          schema73.properties.models.additionalProperties.properties.batching.properties
                            .max_batch_size,
                        data: data13,
                      };
                      if (vErrors === null) {
                        vErrors = [err35];
                      } else {
                        vErrors.push(err35);
                      }
                      errors++;
                    }
                    if (data13 < 1 || isNaN(data13)) {
                      const err36 = {
                        instancePath:
                          instancePath +
                          "/models/" +
                          key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/batching/max_batch_size",
                        schemaPath:
                          "#/properties/models/additionalProperties/properties/batching/properties/max_batch_size/minimum",
                        keyword: "minimum",
                        params: { comparison: ">=", limit: 1 },
                        message: "must be >= 1",
                        schema: 1,
                        parentSchema:
                          schema73.properties.models.additionalProperties.properties.batching.properties
                            .max_batch_size,
                        data: data13,
                      };
                      if (vErrors === null) {
                        vErrors = [err36];
                      } else {
                        vErrors.push(err36);
                      }
                      errors++;
                    }
                  }
                }
                if (data12.max_queue_delay_ms !== undefined) {
                  let data14 = data12.max_queue_delay_ms;
                  if (typeof data14 == "number" && isFinite(data14)) {
                    if (data14 > 1000 || isNaN(data14)) {
                      const err37 = {
                        instancePath:
                          instancePath +
                          "/models/" +
                          key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/batching/max_queue_delay_ms",
                        schemaPath:
                          "#/properties/models/additionalProperties/properties/batching/properties/max_queue_delay_ms/maximum",
                        keyword: "maximum",
                        params: { comparison: "<=", limit: 1000 },
                        message: "must be <= 1000",
                        schema: 1000,
                        parentSchema:
                          schema73.properties.models.additionalProperties.properties.batching.properties
                            .max_queue_delay_ms,
                        data: data14,
                      };
                      if (vErrors === null) {
                        vErrors = [err37];
                      } else {
                        vErrors.push(err37);
                      }
                      errors++;
                    }
                    if (data14 < 0 || isNaN(data14)) {
                      const err38 = {
                        instancePath:
                          instancePath +
                          "/models/" +
                          key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                          "/batching/max_queue_delay_ms",
                        schemaPath:
                          "#/properties/models/additionalProperties/properties/batching/properties/max_queue_delay_ms/minimum",
                        keyword: "minimum",
                        params: { comparison: ">=", limit: 0 },
                        message: "must be >= 0",
                        schema: 0,
                        parentSchema:
                          schema73.properties.models.additionalProperties.properties.batching.properties
                            .max_queue_delay_ms,
                        data: data14,
                      };
                      if (vErrors === null) {
                        vErrors = [err38];
                      } else {
                        vErrors.push(err38);
                      }
                      errors++;
                    }
                  } else {
                    const err39 = {
                      instancePath:
                        instancePath +
                        "/models/" +
                        key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                        "/batching/max_queue_delay_ms",
                      schemaPath:
                        "#/properties/models/additionalProperties/properties/batching/properties/max_queue_delay_ms/type",
                      keyword: "type",
                      params: { type: "number" },
                      message: "must be number",
                      schema:
                        schema73.properties.models.additionalProperties.properties.batching.properties
                          .max_queue_delay_ms.type,
                      parentSchema:
                        schema73.properties.models.additionalProperties.properties.batching.properties
                          .max_queue_delay_ms,
                      data: data14,
                    };
                    if (vErrors === null) {
                      vErrors = [err39];
                    } else {
                      vErrors.push(err39);
                    }
                    errors++;
                  }
                }
              } else {
                const err40 = {
                  instancePath:
                    instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/batching",
                  schemaPath: "#/properties/models/additionalProperties/properties/batching/type",
                  keyword: "type",
                  params: { type: "object" },
                  message: "must be object",
                  schema: schema73.properties.models.additionalProperties.properties.batching.type,
                  parentSchema: schema73.properties.models.additionalProperties.properties.batching,
                  data: data12,
                };
                if (vErrors === null) {
                  vErrors = [err40];
                } else {
                  vErrors.push(err40);
                }
                errors++;
              }
            }
            if (data2.intra_op_threads !== undefined) {
              let data15 = data2.intra_op_threads;
              if (!(typeof data15 == "number" && !(data15 % 1) && !isNaN(data15) && isFinite(data15))) {
                const err41 = {
                  instancePath:
                    instancePath +
                    "/models/" +
                    key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                    "/intra_op_threads",
                  schemaPath: "#/properties/models/additionalProperties/properties/intra_op_threads/type",
                  keyword: "type",
                  params: { type: "integer" },
                  message: "must be integer",
                  schema: schema73.properties.models.additionalProperties.properties.intra_op_threads.type,
                  parentSchema: schema73.properties.models.additionalProperties.properties.intra_op_threads,
                  data: data15,
                };
                if (vErrors === null) {
                  vErrors = [err41];
                } else {
                  vErrors.push(err41);
                }
                errors++;
              }
              if (typeof data15 == "number" && isFinite(data15)) {
                if (data15 > 256 || isNaN(data15)) {
                  const err42 = {
                    instancePath:
                      instancePath +
                      "/models/" +
                      key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                      "/intra_op_threads",
                    schemaPath:
                      "#/properties/models/additionalProperties/properties/intra_op_threads/maximum",
                    keyword: "maximum",
                    params: { comparison: "<=", limit: 256 },
                    message: "must be <= 256",
                    schema: 256,
                    parentSchema: schema73.properties.models.additionalProperties.properties.intra_op_threads,
                    data: data15,
                  };
                  if (vErrors === null) {
                    vErrors = [err42];
                  } else {
                    vErrors.push(err42);
                  }
                  errors++;
                }
                if (data15 < 1 || isNaN(data15)) {
                  const err43 = {
                    instancePath:
                      instancePath +
                      "/models/" +
                      key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                      "/intra_op_threads",
                    schemaPath:
                      "#/properties/models/additionalProperties/properties/intra_op_threads/minimum",
                    keyword: "minimum",
                    params: { comparison: ">=", limit: 1 },
                    message: "must be >= 1",
                    schema: 1,
                    parentSchema: schema73.properties.models.additionalProperties.properties.intra_op_threads,
                    data: data15,
                  };
                  if (vErrors === null) {
                    vErrors = [err43];
                  } else {
                    vErrors.push(err43);
                  }
                  errors++;
                }
              }
            }
            if (data2.decision_policy !== undefined) {
              let data16 = data2.decision_policy;
              if (typeof data16 === "string") {
                if (!pattern4.test(data16)) {
                  const err44 = {
                    instancePath:
                      instancePath +
                      "/models/" +
                      key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                      "/decision_policy",
                    schemaPath: "#/$defs/name/pattern",
                    keyword: "pattern",
                    params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
                    message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
                    schema: "^[a-z][a-z0-9-]{0,62}$",
                    parentSchema: schema74,
                    data: data16,
                  };
                  if (vErrors === null) {
                    vErrors = [err44];
                  } else {
                    vErrors.push(err44);
                  }
                  errors++;
                }
              } else {
                const err45 = {
                  instancePath:
                    instancePath +
                    "/models/" +
                    key2.replace(/~/g, "~0").replace(/\//g, "~1") +
                    "/decision_policy",
                  schemaPath: "#/$defs/name/type",
                  keyword: "type",
                  params: { type: "string" },
                  message: "must be string",
                  schema: schema74.type,
                  parentSchema: schema74,
                  data: data16,
                };
                if (vErrors === null) {
                  vErrors = [err45];
                } else {
                  vErrors.push(err45);
                }
                errors++;
              }
            }
          } else {
            const err46 = {
              instancePath: instancePath + "/models/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),
              schemaPath: "#/properties/models/additionalProperties/type",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
              schema: schema73.properties.models.additionalProperties.type,
              parentSchema: schema73.properties.models.additionalProperties,
              data: data2,
            };
            if (vErrors === null) {
              vErrors = [err46];
            } else {
              vErrors.push(err46);
            }
            errors++;
          }
        }
      } else {
        const err47 = {
          instancePath: instancePath + "/models",
          schemaPath: "#/properties/models/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema73.properties.models.type,
          parentSchema: schema73.properties.models,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err47];
        } else {
          vErrors.push(err47);
        }
        errors++;
      }
    }
  } else {
    const err48 = {
      instancePath,
      schemaPath: "#/type",
      keyword: "type",
      params: { type: "object" },
      message: "must be object",
      schema: schema73.type,
      parentSchema: schema73,
      data,
    };
    if (vErrors === null) {
      vErrors = [err48];
    } else {
      vErrors.push(err48);
    }
    errors++;
  }
  validate28.errors = vErrors;
  return errors === 0;
}
validate28.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
export const waiver = validate29;
const schema79 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelgate.dev/schemas/waiver.schema.json",
  title: "waivers/<id>.yaml — time-boxed exception to one policy rule",
  description:
    "A time-boxed exception to one policy rule, with a reason, a ticket and who approved it. An expired waiver does nothing.",
  type: "object",
  additionalProperties: false,
  required: ["rule", "reason", "approved_by", "expires"],
  properties: {
    rule: {
      description: "Id of the built-in or custom rule waived (checked by the policy layer).",
      type: "string",
      pattern: "^[a-z][a-z0-9-]{0,62}$",
    },
    scope: {
      description: "What the waiver covers; every key is optional, absent = any.",
      type: "object",
      additionalProperties: false,
      properties: {
        model: { description: "Model name.", $ref: "#/$defs/name" },
        version: { description: "Model version.", $ref: "#/$defs/semver" },
        environment: { description: "Environment name.", $ref: "#/$defs/name" },
      },
    },
    reason: { description: "Why the exception is accepted.", type: "string", minLength: 10 },
    ticket: { description: "Tracking ticket, e.g. RISK-142.", type: "string", minLength: 1 },
    approved_by: { description: "Who approved the exception (user name).", type: "string", minLength: 1 },
    expires: {
      description: "When the waiver stops applying (RFC 3339 date-time).",
      type: "string",
      format: "date-time",
    },
  },
  $defs: {
    name: { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" },
    semver: {
      type: "string",
      pattern:
        "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
    },
  },
};
const schema80 = { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" };
const schema81 = {
  type: "string",
  pattern:
    "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
};
function validate29(
  data,
  { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://modelgate.dev/schemas/waiver.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate29.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.rule === undefined) {
      const err0 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "rule" },
        message: "must have required property '" + "rule" + "'",
        schema: schema79.required,
        parentSchema: schema79,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.reason === undefined) {
      const err1 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "reason" },
        message: "must have required property '" + "reason" + "'",
        schema: schema79.required,
        parentSchema: schema79,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.approved_by === undefined) {
      const err2 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "approved_by" },
        message: "must have required property '" + "approved_by" + "'",
        schema: schema79.required,
        parentSchema: schema79,
        data,
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.expires === undefined) {
      const err3 = {
        instancePath,
        schemaPath: "#/required",
        keyword: "required",
        params: { missingProperty: "expires" },
        message: "must have required property '" + "expires" + "'",
        schema: schema79.required,
        parentSchema: schema79,
        data,
      };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === "rule" ||
        key0 === "scope" ||
        key0 === "reason" ||
        key0 === "ticket" ||
        key0 === "approved_by" ||
        key0 === "expires"
      )) {
        const err4 = {
          instancePath,
          schemaPath: "#/additionalProperties",
          keyword: "additionalProperties",
          params: { additionalProperty: key0 },
          message: "must NOT have additional properties",
          schema: false,
          parentSchema: schema79,
          data,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.rule !== undefined) {
      let data0 = data.rule;
      if (typeof data0 === "string") {
        if (!pattern4.test(data0)) {
          const err5 = {
            instancePath: instancePath + "/rule",
            schemaPath: "#/properties/rule/pattern",
            keyword: "pattern",
            params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
            message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
            schema: "^[a-z][a-z0-9-]{0,62}$",
            parentSchema: schema79.properties.rule,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + "/rule",
          schemaPath: "#/properties/rule/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema79.properties.rule.type,
          parentSchema: schema79.properties.rule,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.scope !== undefined) {
      let data1 = data.scope;
      if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
        for (const key1 in data1) {
          if (!(key1 === "model" || key1 === "version" || key1 === "environment")) {
            const err7 = {
              instancePath: instancePath + "/scope",
              schemaPath: "#/properties/scope/additionalProperties",
              keyword: "additionalProperties",
              params: { additionalProperty: key1 },
              message: "must NOT have additional properties",
              schema: false,
              parentSchema: schema79.properties.scope,
              data: data1,
            };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data1.model !== undefined) {
          let data2 = data1.model;
          if (typeof data2 === "string") {
            if (!pattern4.test(data2)) {
              const err8 = {
                instancePath: instancePath + "/scope/model",
                schemaPath: "#/$defs/name/pattern",
                keyword: "pattern",
                params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
                message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
                schema: "^[a-z][a-z0-9-]{0,62}$",
                parentSchema: schema80,
                data: data2,
              };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
          } else {
            const err9 = {
              instancePath: instancePath + "/scope/model",
              schemaPath: "#/$defs/name/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema80.type,
              parentSchema: schema80,
              data: data2,
            };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
        if (data1.version !== undefined) {
          let data3 = data1.version;
          if (typeof data3 === "string") {
            if (!pattern19.test(data3)) {
              const err10 = {
                instancePath: instancePath + "/scope/version",
                schemaPath: "#/$defs/semver/pattern",
                keyword: "pattern",
                params: {
                  pattern:
                    "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
                },
                message:
                  'must match pattern "' +
                  "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$" +
                  '"',
                schema:
                  "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$",
                parentSchema: schema81,
                data: data3,
              };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
          } else {
            const err11 = {
              instancePath: instancePath + "/scope/version",
              schemaPath: "#/$defs/semver/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema81.type,
              parentSchema: schema81,
              data: data3,
            };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
        if (data1.environment !== undefined) {
          let data4 = data1.environment;
          if (typeof data4 === "string") {
            if (!pattern4.test(data4)) {
              const err12 = {
                instancePath: instancePath + "/scope/environment",
                schemaPath: "#/$defs/name/pattern",
                keyword: "pattern",
                params: { pattern: "^[a-z][a-z0-9-]{0,62}$" },
                message: 'must match pattern "' + "^[a-z][a-z0-9-]{0,62}$" + '"',
                schema: "^[a-z][a-z0-9-]{0,62}$",
                parentSchema: schema80,
                data: data4,
              };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
          } else {
            const err13 = {
              instancePath: instancePath + "/scope/environment",
              schemaPath: "#/$defs/name/type",
              keyword: "type",
              params: { type: "string" },
              message: "must be string",
              schema: schema80.type,
              parentSchema: schema80,
              data: data4,
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
      } else {
        const err14 = {
          instancePath: instancePath + "/scope",
          schemaPath: "#/properties/scope/type",
          keyword: "type",
          params: { type: "object" },
          message: "must be object",
          schema: schema79.properties.scope.type,
          parentSchema: schema79.properties.scope,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.reason !== undefined) {
      let data5 = data.reason;
      if (typeof data5 === "string") {
        if (func2(data5) < 10) {
          const err15 = {
            instancePath: instancePath + "/reason",
            schemaPath: "#/properties/reason/minLength",
            keyword: "minLength",
            params: { limit: 10 },
            message: "must NOT have fewer than 10 characters",
            schema: 10,
            parentSchema: schema79.properties.reason,
            data: data5,
          };
          if (vErrors === null) {
            vErrors = [err15];
          } else {
            vErrors.push(err15);
          }
          errors++;
        }
      } else {
        const err16 = {
          instancePath: instancePath + "/reason",
          schemaPath: "#/properties/reason/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema79.properties.reason.type,
          parentSchema: schema79.properties.reason,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
    }
    if (data.ticket !== undefined) {
      let data6 = data.ticket;
      if (typeof data6 === "string") {
        if (func2(data6) < 1) {
          const err17 = {
            instancePath: instancePath + "/ticket",
            schemaPath: "#/properties/ticket/minLength",
            keyword: "minLength",
            params: { limit: 1 },
            message: "must NOT have fewer than 1 characters",
            schema: 1,
            parentSchema: schema79.properties.ticket,
            data: data6,
          };
          if (vErrors === null) {
            vErrors = [err17];
          } else {
            vErrors.push(err17);
          }
          errors++;
        }
      } else {
        const err18 = {
          instancePath: instancePath + "/ticket",
          schemaPath: "#/properties/ticket/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema79.properties.ticket.type,
          parentSchema: schema79.properties.ticket,
          data: data6,
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.approved_by !== undefined) {
      let data7 = data.approved_by;
      if (typeof data7 === "string") {
        if (func2(data7) < 1) {
          const err19 = {
            instancePath: instancePath + "/approved_by",
            schemaPath: "#/properties/approved_by/minLength",
            keyword: "minLength",
            params: { limit: 1 },
            message: "must NOT have fewer than 1 characters",
            schema: 1,
            parentSchema: schema79.properties.approved_by,
            data: data7,
          };
          if (vErrors === null) {
            vErrors = [err19];
          } else {
            vErrors.push(err19);
          }
          errors++;
        }
      } else {
        const err20 = {
          instancePath: instancePath + "/approved_by",
          schemaPath: "#/properties/approved_by/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema79.properties.approved_by.type,
          parentSchema: schema79.properties.approved_by,
          data: data7,
        };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      }
    }
    if (data.expires !== undefined) {
      let data8 = data.expires;
      if (typeof data8 === "string") {
        if (!formats2.validate(data8)) {
          const err21 = {
            instancePath: instancePath + "/expires",
            schemaPath: "#/properties/expires/format",
            keyword: "format",
            params: { format: "date-time" },
            message: 'must match format "' + "date-time" + '"',
            schema: "date-time",
            parentSchema: schema79.properties.expires,
            data: data8,
          };
          if (vErrors === null) {
            vErrors = [err21];
          } else {
            vErrors.push(err21);
          }
          errors++;
        }
      } else {
        const err22 = {
          instancePath: instancePath + "/expires",
          schemaPath: "#/properties/expires/type",
          keyword: "type",
          params: { type: "string" },
          message: "must be string",
          schema: schema79.properties.expires.type,
          parentSchema: schema79.properties.expires,
          data: data8,
        };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
    }
  } else {
    const err23 = {
      instancePath,
      schemaPath: "#/type",
      keyword: "type",
      params: { type: "object" },
      message: "must be object",
      schema: schema79.type,
      parentSchema: schema79,
      data,
    };
    if (vErrors === null) {
      vErrors = [err23];
    } else {
      vErrors.push(err23);
    }
    errors++;
  }
  validate29.errors = vErrors;
  return errors === 0;
}
validate29.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
