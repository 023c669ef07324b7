import axios from 'axios';

export const api = axios.create({ baseURL: import.meta.env.VITE_API_BASE, withCredentials: true, timeout: 20000 });

api.interceptors.response.use(
  (res) => res,
  (err) => {
    console.error('API error', err.config?.method, err.config?.url, err.config?.data); // LEAK(logging): request payloads (chart edits, demographics) printed to the browser console
    return Promise.reject(err);
  },
);
