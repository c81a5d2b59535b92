// Types for @mapbox/martini 0.2 (RTIN terrain meshing), which ships none.
declare module '@mapbox/martini' {
  export interface MartiniTile {
    /** Per-post error of the RTIN hierarchy; may be raised before getMesh to force finer triangles. */
    errors: Float32Array;
    getMesh(maxError?: number): { vertices: Uint16Array; triangles: Uint32Array };
  }
  export default class Martini {
    constructor(gridSize?: number);
    readonly gridSize: number;
    createTile(terrain: ArrayLike<number>): MartiniTile;
  }
}
