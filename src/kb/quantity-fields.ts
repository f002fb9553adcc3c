/**
 * Which quantity kind each field of a study file holds. Every `{ reported }`
 * object in a seed file is parsed with the kinds allowed for its field name,
 * so a current written where a current density belongs is caught at load.
 * @module
 */
import type { QuantityKind } from '../units/units.ts'

export const QUANTITY_FIELDS: Record<string, readonly QuantityKind[]> = {
  currentDensity: ['currentDensity'],
  strippingCurrentDensity: ['currentDensity'],
  current: ['current'],
  cRate: ['cRate'],
  capacity: ['arealCapacity'],
  charge: ['charge'],
  duration: ['time'],
  time: ['time'],
  temperature: ['temperature'],
  stackPressure: ['pressure'],
  oxygenPartialPressure: ['pressure'],
  electronDose: ['electronDose'],
  thickness: ['length'],
  concentration: ['concentration'],
  amount: ['massFraction', 'volumeFraction', 'moleFraction', 'concentration'],
  range: ['voltage'],
  sweepRate: ['sweepRate'],
  hold: ['voltage'],
  coulombicEfficiency: ['percent'],
  value: ['voltage'],
}
