package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// ESignature is whether the clinic signs documents electronically today:
// documents the law requires to be signed (処方箋, 診断書, 紹介状 …)
// need a qualified electronic signature (HPKI) when issued
// electronically (guidance 3.1.1, 電子署名法).
type ESignature struct {
	// Signing are the systems that apply electronic signatures.
	Signing []*System
	// Unconfirmed are the systems in scope that keep electronic originals
	// (or do not say, and keep records) and whose profile does not say
	// whether they sign: each one's Confirmer confirms it. Empty when a
	// system signs.
	Unconfirmed []*System
}

// None tells that the profile says no system signs electronically.
func (e ESignature) None() bool { return len(e.Signing) == 0 && len(e.Unconfirmed) == 0 }

func judgeESignature(p *profile.Profile, c *Clinic) ESignature {
	var e ESignature
	for _, s := range c.Systems {
		ps := p.Systems[s.Index]
		switch {
		case ps.ESignature.IsYes():
			e.Signing = append(e.Signing, s)
		case !ps.ESignature.Known() && s.InScope() && (ps.Originals.IsYes() || (!ps.Originals.Known() && len(ps.Records) > 0)):
			e.Unconfirmed = append(e.Unconfirmed, s)
		}
	}
	if len(e.Signing) > 0 {
		e.Unconfirmed = nil
	}
	return e
}
