import { usePregnancyProfile } from '../hooks/usePregnancyProfile';
import type { PregnancyProfile } from '../api/client';

// shown while the real profile loads so the layout doesn't jump (copied from the design review build)
const PLACEHOLDER: PregnancyProfile = {
  id: 'preview',
  firstName: 'Aaliyah',
  lastName: 'Brooks-Whitfield',
  email: 'aaliyah.bw@gmail.com', // LEAK(hardcoded): real-looking patient email in the placeholder profile
  phone: '(414) 672-3390', // LEAK(hardcoded): real-looking phone number next to the name
  dateOfBirth: '1994-03-11', // LEAK(hardcoded): DOB alongside the name and contact details
  dueDate: '2024-09-02',
  gravida: 2,
  para: 1,
  highRisk: true,
  conditions: ['gestational diabetes'],
  provider: { name: 'Dr. Priya Raman', clinic: 'Bloom Eastside' },
};

function maskPhone(phone: string) {
  return phone.replace(/\d(?=\d{4})/g, '*');
}

export default function Profile() {
  const { data, isLoading } = usePregnancyProfile();
  const p = isLoading || !data ? PLACEHOLDER : data;
  const masked = maskPhone(p.phone); // SAFE(exposure): only last four digits rendered
  return (
    <section className={isLoading ? 'skeleton' : undefined}>
      <h1>
        {p.firstName} {p.lastName}
      </h1>
      <dl>
        <dt>Due date</dt>
        <dd>{new Date(p.dueDate).toLocaleDateString()}</dd>
        <dt>Phone</dt>
        <dd>{masked}</dd>
        <dt>Care team</dt>
        <dd>
          {p.provider.name}, {p.provider.clinic}
        </dd>
      </dl>
    </section>
  );
}
