// A module loaded on first use (a sibling bundle in the build), once; a
// failed load is forgotten so that the next call tries again.
export function loadOnce<T>(importer: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= importer().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
