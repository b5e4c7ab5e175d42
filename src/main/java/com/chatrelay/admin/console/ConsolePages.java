package com.chatrelay.admin.console;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's two pages; their scripts and styles are static files under {@code /admin/assets}. */
@Controller
public class ConsolePages {

	/** The login form's page, and where it is posted to. */
	public static final String LOGIN = "/admin/login";

	@GetMapping({ "/admin", "/admin/" })
	String console(Principal admin, Model model) {
		model.addAttribute("username", admin.getName());
		return "admin/console";
	}

	@GetMapping(LOGIN)
	String login() {
		return "admin/login";
	}

}
