/** Messages between bench/run.mts and a server child (bench/server.mts). */

export const SERVER_KINDS = ['bare', 'mercurius', 'yoga', 'yoga-jit', 'yoga-jit-cache', 'yoga-minimal'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export type ParentMessage =
  | { readonly type: 'gc-start' }
  | { readonly type: 'gc-stop' }
  | { readonly type: 'layout'; readonly mode: 'worker' | 'main' };

export type ChildMessage =
  | { readonly type: 'ready'; readonly port: number; readonly ids: string[]; readonly loadMs: number }
  | { readonly type: 'gc'; readonly gcMs: number; readonly cpuMs: number; readonly wallMs: number }
  | { readonly type: 'layout-done'; readonly ms: number; readonly nodes: number }
  | { readonly type: 'layout-failed'; readonly message: string };
