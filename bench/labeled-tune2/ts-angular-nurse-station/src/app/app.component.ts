import { Component, HostListener, OnInit } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { environment } from '../environments/environment.prod';

@Component({
  selector: 'ns-root',
  standalone: true,
  imports: [RouterOutlet],
  template: `<header class="ns-header">Nurse Station</header><router-outlet />`,
})
export class AppComponent implements OnInit {
  private idleTimer?: ReturnType<typeof setTimeout>;

  ngOnInit(): void {
    this.resetIdle();
  }

  @HostListener('document:keydown')
  @HostListener('document:pointerdown')
  resetIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      sessionStorage.clear();
      location.assign('/login?reason=idle');
    }, environment.idleLogoutMinutes * 60 * 1000);
  }

  setDensity(compact: boolean): void {
    localStorage.setItem('ns.density', compact ? 'compact' : 'comfortable'); // SAFE(storage): display preference only
  }
}
