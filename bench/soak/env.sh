# The line as deployed for a soak: Production, signed requests, provider deletion against bench/FakeProviderApi on
# 19381, and short idle settings so the retention sweep, idle close and expiry all run within the hour. Test values only.
export ASPNETCORE_ENVIRONMENT=Production
export Twilio__AuthToken=soak-auth-token-0123456789
export TextLine__PrivacyKey=soak-privacy-key-0123456789abcdef
export Twilio__AccountSid=AC0123456789abcdef0123456789abcdef
export Twilio__ApiBaseUrl=http://127.0.0.1:19381
export Twilio__From=+16305551234
export Twilio__DeleteAfter=00:01:00
export TextLine__SessionTimeout=00:05:00
export TextLine__Retention=00:10:00
export Handoff__IdleClose=00:02:00
export Handoff__KeepFor=00:05:00
export Handoff__TakeMessages=true
export CheckIn__Grace=00:00:30
export CheckIn__BuddyUnusedFor=00:15:00
