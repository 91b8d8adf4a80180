// Units (处置单位): the organisations cases are dispatched to, as a tree with their region.
export {
  UNIT_KINDS,
  buildUnitTree,
  isUnitKind,
  validateNewUnit,
  type NewUnitInput,
  type Unit,
  type UnitInputError,
  type UnitKind,
  type UnitNode,
} from './unit.ts';
