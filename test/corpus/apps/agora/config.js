// App settings kept in their own module, as real apps do; the bundler inlines them.
export const APP_ID = '5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f';
export const CHANNEL = 'team-standup';
