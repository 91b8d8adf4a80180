import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CASE_ACTION_KINDS, CLIENT_ROLE, ROLES, STEP_NAMES } from '../../domain/cases/index.ts';
import {
  CENTRE_STEPS,
  readStepTimeLimits,
  setStepTimeLimit,
  type StepTimeLimit,
} from '../../services/cases/step-limits.ts';
import type { Deps } from '../../services/deps.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { presentCaseAction } from './cases.present.ts';
import { errorResponses } from './error.schemas.ts';

const security = [{ bearer: [] }];
const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
const Labels = Type.Object({ zh: Type.String(), en: Type.String() });
const Step = literals(STEP_NAMES, '环节 step');

const CaseActionView = Type.Object({
  action: Type.String({ description: '动作 action kind' }),
  label: Labels,
  capability: Type.String({ description: '能力 the capability the route checks first' }),
  roles: Type.Array(literals([...ROLES, CLIENT_ROLE], '角色 role (channel: a client system)'), {
    description: '可执行角色 roles allowed',
  }),
  rows: Type.Array(
    Type.Object({
      from: Type.String({ description: '`new` for the actions that open a case' }),
      to: Type.String(),
      guard: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  reach: literals(['opening', 'command', 'internal'] as const, '调用方式 how callers reach it'),
  method: Type.Union([Type.Literal('POST'), Type.Null()]),
  path: Type.Union([Type.String(), Type.Null()], { description: 'API path, null for internal' }),
  needsApproval: Type.Boolean({ description: '是否需审批 the request waits for an approval' }),
  approval: Type.Union([
    Type.Object({
      request: literals(['extension', 'hold', 'cancel'] as const, '申请类型 request kind'),
      answers: Type.Boolean({ description: 'true: approves or rejects the request' }),
    }),
    Type.Null(),
  ]),
  startsStep: Type.Union([Step, Type.Null()], {
    description: '开始计时的环节 the timer it starts',
  }),
});
const StepLimitView = Type.Object({
  step: literals(CENTRE_STEPS, '中心环节 centre step'),
  amount: Type.Number(),
  unit: literals(['working_hours', 'working_days', 'calendar_hours'] as const, '时限单位 unit'),
  provenance: Type.String({ description: '来源 where the value comes from' }),
  source: literals(['district', 'default'] as const, '本区设置或默认 own row or default'),
});
const StepLimitsView = Type.Object({
  districtCode: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(StepLimitView),
  note: Labels,
});
const StepLimitsQuery = Type.Object(
  { district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) },
  { additionalProperties: false },
);
const StepLimitParams = Type.Object({
  district: Type.String({ pattern: '^[0-9]{6}$' }),
  step: literals(CENTRE_STEPS, '中心环节 centre step'),
});
const StepLimitBody = Type.Object(
  {
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 8760 }),
    unit: literals(['working_hours', 'working_days', 'calendar_hours'] as const, '时限单位 unit'),
    provenance: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  },
  { additionalProperties: false },
);

const presentLimit = (l: StepTimeLimit) => ({
  step: l.step,
  amount: l.limit.amount,
  unit: l.limit.unit,
  provenance: l.provenance,
  source: l.source,
});

const STEP_NOTE = {
  zh: '处置环节（handle）的时限按案件类别和紧急程度取自管理标准（/catalogue），不在此表',
  en: 'The handling step’s limit comes from the catalogue per category and urgency, not from here',
};

/**
 * The workflow as data: every action with its roles, rows, approval and the timer it starts
 * (from the declarations in domain/cases), and the centre's own step time limits.
 */
export function workflowRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/case-actions',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'listCaseActions',
          tags: ['cases'],
          security,
          summary: '案件动作一览 every workflow action: roles, rows, approval, timer',
          description:
            'Served from the one declaration of each action (src/domain/cases/declarations.ts); the console builds its buttons from it.',
          response: {
            200: Type.Object({ items: Type.Array(CaseActionView) }),
            ...errorResponses(401, 403),
          },
        },
      },
      async () => ({ items: CASE_ACTION_KINDS.map(presentCaseAction) }),
    );

    app.get(
      '/step-time-limits',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'listStepTimeLimits',
          tags: ['cases'],
          security,
          summary:
            '中心环节时限 time limits of the centre’s steps (verify, file, dispatch, recheck, close)',
          description:
            'The district’s own limits, else the shipped defaults (`source`). City staff and admins may name any district (none: the defaults); other staff read their own district.',
          querystring: StepLimitsQuery,
          response: { 200: StepLimitsView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const r = await readStepTimeLimits(deps, currentPrincipal(req), req.query.district);
        if (!r.ok) return reply.sendError(r.error);
        return {
          districtCode: r.value.districtCode,
          items: r.value.items.map(presentLimit),
          note: STEP_NOTE,
        };
      },
    );

    app.put(
      '/step-time-limits/:district/:step',
      {
        preHandler: requireCapability('catalogue.write'),
        schema: {
          operationId: 'setStepTimeLimit',
          tags: ['cases'],
          security,
          summary: '设置本区中心环节时限 set a district’s limit for one centre step (admin)',
          params: StepLimitParams,
          body: StepLimitBody,
          response: { 200: StepLimitView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const r = await setStepTimeLimit(deps, currentPrincipal(req), {
          districtCode: req.params.district,
          step: req.params.step,
          limit: { amount: req.body.amount, unit: req.body.unit },
          provenance: req.body.provenance,
        });
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = {
          entity: 'step_time_limits',
          id: `${req.params.district}/${req.params.step}`,
        };
        return presentLimit(r.value);
      },
    );
  };
}
