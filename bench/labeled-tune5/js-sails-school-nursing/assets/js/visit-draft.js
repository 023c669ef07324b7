/**
 * visit-draft.js: keeps the nurse's in-progress visit form so a page reload or a dropped
 * Wi-Fi connection in the health office does not lose it.
 */
(function () {
  const form = document.getElementById('visit-form');
  if (!form) return;

  const DRAFT_KEY = 'healthOffice.visitDraft';

  function readForm() {
    const fd = new FormData(form);
    return {
      studentId: fd.get('student'),
      studentName: form.dataset.studentName,
      chiefComplaint: fd.get('chiefComplaint'),
      assessment: fd.get('assessment'),
      temperatureF: fd.get('temperatureF'),
      disposition: fd.get('disposition'),
    };
  }

  let timer = null;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const draft = readForm();
      localStorage.setItem(DRAFT_KEY, JSON.stringify(draft)); // LEAK(storage): visit draft (name, complaint, assessment) in localStorage
      console.debug('visit draft saved', draft); // LEAK(logging): draft printed to the browser console
    }, 500);
  });

  form.addEventListener('submit', () => {
    localStorage.removeItem(DRAFT_KEY);
    sessionStorage.setItem('healthOffice.lastStudentId', form.elements.student.value); // SAFE(storage): surrogate id only
  });

  const saved = localStorage.getItem(DRAFT_KEY);
  if (saved) {
    const data = JSON.parse(saved);
    Object.entries(data).forEach(([k, v]) => {
      if (form.elements[k] && v != null) form.elements[k].value = v;
    });
  }
})();
