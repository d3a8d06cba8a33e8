import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  Kind,
  parse,
  print,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { contractText, operationRunner, operationSubscriber } from './support/contract';
import { CONTRACT_SCENARIOS } from './support/contract-scenarios';
import { startTestApp } from './support/test-app';
/** The scalars, enums and inputs of inputs.graphql the covered files rely on. */
const COVERED_INPUT_TYPES = [
  'SafeInt',
  'BillingModel',
  'PricingScenarioStatus',
  'CreatePricingTierInput',
  'UpdatePricingTierInput',
  'DeletePricingTierInput',
  'PriceTierInput',
  'ScenarioAssumptionsInput',
  'ScenarioAssumptionsPatch',
  'ScenarioTierInput',
  'CreatePricingScenarioInput',
  'UpdatePricingScenarioInput',
  'ApplyPricingScenarioInput',
  'DateTime',
  'Discipline',
  'AccessLevel',
  'PersonFilter',
  'CreatePersonInput',
  'CreateApiTokenInput',
  'RevokeApiTokenInput',
  'Date',
  'LaunchTier',
  'LaunchStatus',
  'TaskStatus',
  'TaskPhase',
  'TaskCompletion',
  'LaunchHealth',
  'ReadinessSeverity',
  'ReadinessReasonCode',
  'SignOffVerdict',
  'LaunchDecisionOutcome',
  'SignOffLaunchInput',
  'LaunchDecisionConditionInput',
  'RecordLaunchDecisionInput',
  'OrderDirection',
  'LaunchOrderField',
  'LaunchFilter',
  'LaunchOrder',
  'CreateLaunchInput',
  'UpdateLaunchInput',
  'TransitionLaunchInput',
  'TaskFilter',
  'CreateTaskInput',
  'UpdateTaskInput',
  'DeleteTaskInput',
  'AddTaskDependencyInput',
  'RemoveTaskDependencyInput',
  'ActivityType',
  'MessagingBriefStatus',
  'ValuePillarInput',
  'CreateMessagingBriefInput',
  'UpdateMessagingBriefInput',
  'SubmitMessagingBriefInput',
  'ApproveMessagingBriefInput',
  'RequestMessagingBriefChangesInput',
];

const schema: GraphQLSchema = buildSchema(
  readFileSync(path.join(__dirname, '../schema/schema.graphql'), 'utf8'),
);

describe('contract: validation against schema/schema.graphql', () => {
  it('covers every operation file of the contract (inputs.graphql by its types)', () => {
    const files = readdirSync(path.join(__dirname, 'contract')).filter(
      (f) => f.endsWith('.graphql') && f !== 'inputs.graphql',
    );
    expect(files.sort()).toEqual(Object.keys(CONTRACT_SCENARIOS).sort());
  });

  it.each(Object.keys(CONTRACT_SCENARIOS))('%s validates unchanged', (file) => {
    const errors = validate(schema, parse(contractText(file)));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('has every covered scalar, enum value and input field of inputs.graphql, same types and defaults', () => {
    const doc = parse(contractText('inputs.graphql'));
    const problems: string[] = [];
    for (const def of doc.definitions) {
      if (!('name' in def) || !def.name || !COVERED_INPUT_TYPES.includes(def.name.value)) continue;
      const name = def.name.value;
      const type = schema.getType(name);
      if (!type) {
        problems.push(`missing type ${name}`);
        continue;
      }
      if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
        const values = isEnumType(type) ? type.getValues().map((v) => v.name) : [];
        for (const v of def.values ?? [])
          if (!values.includes(v.name.value)) problems.push(`${name}.${v.name.value}`);
      }
      if (def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
        const fields = isInputObjectType(type) ? type.getFields() : {};
        for (const f of def.fields ?? []) {
          const actual = fields[f.name.value];
          if (!actual) problems.push(`missing ${name}.${f.name.value}`);
          else if (String(actual.type) !== print(f.type))
            problems.push(`${name}.${f.name.value}: ${String(actual.type)} vs ${print(f.type)}`);
          else if (
            f.defaultValue &&
            JSON.stringify(actual.defaultValue) !==
              JSON.stringify(
                f.defaultValue.kind === Kind.ENUM
                  ? f.defaultValue.value
                  : JSON.parse(print(f.defaultValue)),
              )
          )
            problems.push(
              `${name}.${f.name.value} default ${JSON.stringify(actual.defaultValue)} vs ${print(f.defaultValue)}`,
            );
        }
      }
    }
    for (const name of COVERED_INPUT_TYPES)
      if (!doc.definitions.some((d) => 'name' in d && d.name?.value === name))
        problems.push(`${name} not in inputs.graphql`);
    expect(problems).toEqual([]);
  });
});

describe('contract: every operation against a live server', () => {
  it.each(Object.keys(CONTRACT_SCENARIOS))(
    '%s runs with real variables and the expected answers',
    async (file) => {
      // A database of its own per file: the scenarios count and search what they create.
      const t = await startTestApp();
      const operations = parse(contractText(file)).definitions.filter(
        (d) => d.kind === Kind.OPERATION_DEFINITION,
      );
      const sent = new Set<string>();
      const run = operationRunner(t, file);
      const sub = operationSubscriber(t, file);
      await CONTRACT_SCENARIOS[file]({
        t,
        run: (name, variables, token) => {
          sent.add(name);
          return run(name, variables, token);
        },
        subscribe: (name, variables, token) => {
          sent.add(name);
          return sub(name, variables, token);
        },
      });
      expect([...sent].sort()).toEqual(
        operations.map((o) => ('name' in o && o.name ? o.name.value : '')).sort(),
      );
    },
  );
});
