import type { Bilingual, Case, Role } from '../api/client.ts';

// Labels of the API's enumerations that the API does not send in words.
export const ROLE_LABELS: Record<Role, Bilingual> = {
  supervisor: { zh: '监督员', en: 'Supervisor' },
  city_supervisor: { zh: '市级监督员', en: 'City supervisor' },
  acceptance_operator: { zh: '受理员', en: 'Acceptance operator' },
  dispatcher: { zh: '派遣员', en: 'Dispatcher' },
  unit_handler: { zh: '处置人员', en: 'Unit handler' },
  commander: { zh: '指挥长', en: 'Commander' },
  hotline_agent: { zh: '热线坐席', en: 'Hotline agent' },
  admin: { zh: '管理员', en: 'Administrator' },
};

export const URGENCY_LABELS: Record<Case['urgency'], Bilingual> = {
  urgent: { zh: '紧急', en: 'Urgent' },
  pressing: { zh: '较急', en: 'Pressing' },
  normal: { zh: '一般', en: 'Normal' },
};

export const STATUS_LABELS: Record<Case['status'], Bilingual> = {
  pending_verification: { zh: '待核实', en: 'To verify' },
  pending_filing: { zh: '待立案', en: 'To file' },
  not_filed: { zh: '不予立案', en: 'Not filed' },
  pending_dispatch: { zh: '待派遣', en: 'To dispatch' },
  dispatched: { zh: '已派遣', en: 'Dispatched' },
  handling: { zh: '处置中', en: 'Handling' },
  on_hold: { zh: '挂账', en: 'On hold' },
  pending_recheck: { zh: '待核查', en: 'To re-check' },
  pending_close: { zh: '待结案', en: 'To close' },
  closed: { zh: '已结案', en: 'Closed' },
  evaluated: { zh: '已评价', en: 'Evaluated' },
  cancelled: { zh: '已作废', en: 'Cancelled' },
  merged: { zh: '已合并', en: 'Merged' },
};

export const STEP_LABELS: Record<NonNullable<Case['timer']>['step'], Bilingual> = {
  verify: { zh: '核实', en: 'Verify' },
  file: { zh: '立案', en: 'File' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  handle: { zh: '处置', en: 'Handle' },
  recheck: { zh: '核查', en: 'Re-check' },
  close: { zh: '结案', en: 'Close' },
};

export const SOURCE_LABELS: Record<Case['source'], Bilingual> = {
  supervisor: { zh: '监督员上报', en: 'Supervisor' },
  city_supervisor: { zh: '市级监督员', en: 'City supervisor' },
  hotline_12345: { zh: '12345 热线', en: 'Hotline 12345' },
  hotline_12319: { zh: '12319 热线', en: 'Hotline 12319' },
  public_web: { zh: '公众网站', en: 'Public web' },
  wechat: { zh: '微信', en: 'WeChat' },
  open311: { zh: 'Open311', en: 'Open311' },
  media: { zh: '媒体曝光', en: 'Media' },
  video: { zh: '视频识别', en: 'Video' },
  drone: { zh: '无人机', en: 'Drone' },
  satellite: { zh: '卫星遥感', en: 'Satellite' },
  sensor: { zh: '传感器', en: 'Sensor' },
  leader: { zh: '领导交办', en: 'Leader' },
  other: { zh: '其他', en: 'Other' },
};
