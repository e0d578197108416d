import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="panel" data-testid="not-found">
      <h1>غير موجود · Not found</h1>
      <p>لا يوجد سجل بهذا المعرّف في المستودع. · No record with this id in the warehouse.</p>
      <p>
        <Link href="/">العودة إلى النظرة العامة · Back to the overview</Link>
      </p>
    </section>
  );
}
