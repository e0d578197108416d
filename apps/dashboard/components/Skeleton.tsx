export function ChartSkeleton({ label }: { label: string }) {
  return <div className="skeleton" role="status" aria-busy="true" aria-label={label} />;
}

export function CountsSkeleton({ label }: { label: string }) {
  return <div className="skeleton small" role="status" aria-busy="true" aria-label={label} />;
}
