/**
 * A dashed arrow for relations the text does not state (assertion IMPLIED_BY_CONTEXT or
 * CURATOR_INFERENCE). Sigma 3 ships no dashed edge program, so this one is sigma's own clamped
 * edge with two lines added to its shaders: the vertex shader passes on how far along the edge
 * a fragment lies (in clip-space units, so dashes keep their length on screen as the camera
 * zooms), and the fragment shader leaves every other stretch empty. The arrow head is sigma's.
 */
import {
  createEdgeArrowHeadProgram,
  createEdgeClampedProgram,
  createEdgeCompoundProgram,
  type EdgeProgramType,
} from 'sigma/rendering';
import type { EdgeAttributes, NodeAttributes } from './state';

/** Dashes per clip-space unit (half the canvas width): about 8 px dash, 8 px gap on 800 px. */
const DASHES_PER_UNIT = '50.0';

type Program = EdgeProgramType<NodeAttributes, EdgeAttributes>;
interface ShaderDefinition {
  readonly VERTEX_SHADER_SOURCE: string;
  readonly FRAGMENT_SHADER_SOURCE: string;
}
// The factory's declared type hides getDefinition, which every sigma program class has.
const Clamped = createEdgeClampedProgram<NodeAttributes, EdgeAttributes>() as unknown as new (
  ...args: ConstructorParameters<Program>
) => { getDefinition(): ShaderDefinition };

class DashedClampedProgram extends Clamped {
  override getDefinition() {
    const base = super.getDefinition();
    const vertex = base.VERTEX_SHADER_SOURCE.replace('void main() {', 'varying float v_along;\nvoid main() {').replace(
      /}\s*$/,
      `  vec2 clipStart = (u_matrix * vec3(a_positionStart, 1)).xy;
  vec2 clipEnd = (u_matrix * vec3(a_positionEnd, 1)).xy;
  v_along = a_positionCoef * length(clipEnd - clipStart) * ${DASHES_PER_UNIT};
}
`,
    );
    const fragment = base.FRAGMENT_SHADER_SOURCE.replace(
      'void main(void) {',
      // Picking keeps the whole edge, so a dashed edge is as easy to hover as a solid one.
      'varying float v_along;\nvoid main(void) {\n  #ifndef PICKING_MODE\n  if (mod(v_along, 1.0) > 0.5) discard;\n  #endif',
    );
    return { ...base, VERTEX_SHADER_SOURCE: vertex, FRAGMENT_SHADER_SOURCE: fragment };
  }
}

export const DashedArrowProgram: Program = createEdgeCompoundProgram<NodeAttributes, EdgeAttributes>([
  DashedClampedProgram as unknown as Program,
  createEdgeArrowHeadProgram<NodeAttributes, EdgeAttributes>(),
]);
