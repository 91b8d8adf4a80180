// Units (处置单位): the organisations cases are dispatched to, as a tree with their region.
export {
  UNIT_KINDS,
  buildUnitTree,
  changeUnit,
  validateNewUnit,
  type NewUnitInput,
  type UnitChangeError,
  type UnitChanges,
  type Unit,
  type UnitInputError,
  type UnitKind,
  type UnitNode,
} from './unit.ts';
